CREATE TABLE public.members (
  user_id uuid PRIMARY KEY,
  org_id uuid NOT NULL
);
CREATE INDEX members_org_idx ON public.members (org_id);
ALTER TABLE public.members ENABLE ROW LEVEL SECURITY;
CREATE SCHEMA private;
CREATE FUNCTION private.my_org_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
  AS $$ select org_id from public.members where user_id = (select auth.uid()) $$;
CREATE POLICY "Members see their organization" ON public.members FOR SELECT TO authenticated
  USING (org_id IN (SELECT private.my_org_ids()));
