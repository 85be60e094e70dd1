CREATE SCHEMA private;
CREATE FUNCTION private.org_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER
  AS $$ select org_id from public.members where user_id = auth.uid() $$;
