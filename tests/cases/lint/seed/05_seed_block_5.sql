-- Every table with tenant data includes organization_id
CREATE TABLE app_web.projects (
    project_id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id UUID REFERENCES public.organizations(organization_id),
    name VARCHAR(255) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

-- RLS ensures data isolation
CREATE POLICY "Users can only see their org's projects"
    ON app_web.projects FOR SELECT
    USING (
        organization_id IN (
            SELECT organization_id FROM public.users
            WHERE user_id = auth.uid()
        )
    );
