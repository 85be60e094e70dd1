CREATE INDEX idx_memberships_org_user_created ON public.tags (name);
