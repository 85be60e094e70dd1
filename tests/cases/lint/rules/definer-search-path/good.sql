CREATE SCHEMA private;
CREATE FUNCTION private.org_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
  AS $$ select org_id from public.members where user_id = (select auth.uid()) $$;
