-- Enable RLS
ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_web.profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_web.posts ENABLE ROW LEVEL SECURITY;

-- Users can only see users in their organization
CREATE POLICY "Users can view organization users"
    ON public.users FOR SELECT
    USING (
        organization_id IN (
            SELECT organization_id FROM public.users
            WHERE user_id = auth.uid()
        )
    );

-- Users can only update their own profile
CREATE POLICY "Users can update own profile"
    ON app_web.profiles FOR UPDATE
    USING (user_id = auth.uid());

-- Users can view all posts but only edit their own
CREATE POLICY "Users can view all posts"
    ON app_web.posts FOR SELECT
    USING (status = 'published' OR user_id = auth.uid());

CREATE POLICY "Users can manage own posts"
    ON app_web.posts FOR ALL
    USING (user_id = auth.uid());
