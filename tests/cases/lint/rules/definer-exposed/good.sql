CREATE FUNCTION public.delete_account(target uuid) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = ''
  AS $$ delete from public.members where user_id = target $$;
REVOKE EXECUTE ON FUNCTION public.delete_account(uuid) FROM PUBLIC;
