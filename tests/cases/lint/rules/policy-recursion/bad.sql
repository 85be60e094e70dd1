CREATE TABLE public.members (
  user_id uuid PRIMARY KEY,
  org_id uuid NOT NULL
);
CREATE INDEX members_org_idx ON public.members (org_id);
ALTER TABLE public.members ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Members see their organization" ON public.members FOR SELECT TO authenticated
  USING (org_id IN (SELECT m.org_id FROM public.members m WHERE m.user_id = (select auth.uid())));
