-- 20261125190917_dfworx_init: written by dfworx-db plan from the declarations; review, then commit.
-- 298 changes:
--   create schema app_admin
--   create schema app_web
--   create schema private
--   create schema shared_services
--   create function private.user_admin_organization_ids()
--   create function private.user_organization_ids()
--   create function public.get_posts_with_users(integer)
--   create function public.handle_new_user()
--   create function public.update_updated_at_column()
--   create table app_admin.admin_analytics
--   create table app_admin.admin_reports
--   create table app_admin.admin_settings
--   create table app_web.posts
--   create table app_web.preferences
--   create table app_web.profiles
--   create table app_web.projects
--   create table app_web.web_features
--   create table public.audit_logs
--   create table public.auth_tokens
--   create table public.notifications
--   create table public.organizations
--   create table public.users
--   create table shared_services.file_storage
--   create table shared_services.integrations
--   create table shared_services.notifications
--   add foreign key admin_analytics_organization_id_fkey on app_admin.admin_analytics
--   add foreign key admin_reports_created_by_fkey on app_admin.admin_reports
--   add foreign key admin_reports_organization_id_fkey on app_admin.admin_reports
--   add foreign key admin_settings_organization_id_fkey on app_admin.admin_settings
--   add foreign key admin_settings_updated_by_fkey on app_admin.admin_settings
--   add foreign key audit_logs_organization_id_fkey on public.audit_logs
--   add foreign key audit_logs_user_id_fkey on public.audit_logs
--   add foreign key auth_tokens_user_id_fkey on public.auth_tokens
--   add foreign key file_storage_organization_id_fkey on shared_services.file_storage
--   add foreign key file_storage_uploaded_by_fkey on shared_services.file_storage
--   add foreign key integrations_created_by_fkey on shared_services.integrations
--   add foreign key integrations_organization_id_fkey on shared_services.integrations
--   add foreign key notifications_organization_id_fkey on shared_services.notifications
--   add foreign key notifications_user_id_fkey on public.notifications
--   add foreign key notifications_user_id_fkey on shared_services.notifications
--   add foreign key posts_author_organization_fkey on app_web.posts
--   add foreign key posts_organization_id_fkey on app_web.posts
--   add foreign key posts_user_id_fkey on app_web.posts
--   add foreign key preferences_user_id_fkey on app_web.preferences
--   add foreign key profiles_user_id_fkey on app_web.profiles
--   add foreign key projects_organization_id_fkey on app_web.projects
--   add foreign key users_organization_id_fkey on public.users
--   add foreign key web_features_organization_id_fkey on app_web.web_features
--   create index app_admin.idx_admin_analytics_organization_metric on app_admin.admin_analytics
--   create index app_admin.idx_admin_reports_created_by on app_admin.admin_reports
--   create index app_admin.idx_admin_reports_organization_created on app_admin.admin_reports
--   create index app_admin.idx_admin_settings_updated_by on app_admin.admin_settings
--   create index app_web.idx_posts_list on app_web.posts
--   create index app_web.idx_posts_organization on app_web.posts
--   create index app_web.idx_posts_status on app_web.posts
--   create index app_web.idx_posts_user on app_web.posts
--   create index app_web.idx_posts_user_status on app_web.posts
--   create index app_web.idx_profiles_user on app_web.profiles
--   create index app_web.idx_projects_organization on app_web.projects
--   create index public.idx_active_users on public.users
--   create index public.idx_audit_logs_entity on public.audit_logs
--   create index public.idx_audit_logs_organization_created on public.audit_logs
--   create index public.idx_audit_logs_user on public.audit_logs
--   create index public.idx_auth_tokens_expires on public.auth_tokens
--   create index public.idx_auth_tokens_user on public.auth_tokens
--   create index public.idx_notifications_user on public.notifications
--   create index public.idx_notifications_user_unread on public.notifications
--   create index public.idx_users_organization on public.users
--   create index shared_services.idx_file_storage_organization on shared_services.file_storage
--   create index shared_services.idx_file_storage_uploaded_by on shared_services.file_storage
--   create index shared_services.idx_integrations_created_by on shared_services.integrations
--   create index shared_services.idx_shared_notifications_organization on shared_services.notifications
--   create index shared_services.idx_shared_notifications_pending on shared_services.notifications
--   create index shared_services.idx_shared_notifications_user_status on shared_services.notifications
--   create trigger on_user_created on public.users
--   create trigger update_admin_reports_updated_at on app_admin.admin_reports
--   create trigger update_admin_settings_updated_at on app_admin.admin_settings
--   create trigger update_auth_tokens_updated_at on public.auth_tokens
--   create trigger update_file_storage_updated_at on shared_services.file_storage
--   create trigger update_integrations_updated_at on shared_services.integrations
--   create trigger update_notifications_updated_at on shared_services.notifications
--   create trigger update_organizations_updated_at on public.organizations
--   create trigger update_posts_updated_at on app_web.posts
--   create trigger update_preferences_updated_at on app_web.preferences
--   create trigger update_profiles_updated_at on app_web.profiles
--   create trigger update_projects_updated_at on app_web.projects
--   create trigger update_users_updated_at on public.users
--   create trigger update_web_features_updated_at on app_web.web_features
--   enable rls app_admin.admin_analytics  [authorization change]
--   enable rls app_admin.admin_reports  [authorization change]
--   enable rls app_admin.admin_settings  [authorization change]
--   enable rls app_web.posts  [authorization change]
--   enable rls app_web.preferences  [authorization change]
--   enable rls app_web.profiles  [authorization change]
--   enable rls app_web.projects  [authorization change]
--   enable rls app_web.web_features  [authorization change]
--   enable rls public.audit_logs  [authorization change]
--   enable rls public.auth_tokens  [authorization change]
--   enable rls public.notifications  [authorization change]
--   enable rls public.organizations  [authorization change]
--   enable rls public.users  [authorization change]
--   enable rls shared_services.file_storage  [authorization change]
--   enable rls shared_services.integrations  [authorization change]
--   enable rls shared_services.notifications  [authorization change]
--   create policy Organization admins can add integrations on shared_services.integrations  [authorization change]
--   create policy Organization admins can add web features on app_web.web_features  [authorization change]
--   create policy Organization admins can delete integrations on shared_services.integrations  [authorization change]
--   create policy Organization admins can delete projects on app_web.projects  [authorization change]
--   create policy Organization admins can delete web features on app_web.web_features  [authorization change]
--   create policy Organization admins can update integrations on shared_services.integrations  [authorization change]
--   create policy Organization admins can update their organization on public.organizations  [authorization change]
--   create policy Organization admins can update web features on app_web.web_features  [authorization change]
--   create policy Organization admins can view analytics on app_admin.admin_analytics  [authorization change]
--   create policy Organization admins can view audit logs on public.audit_logs  [authorization change]
--   create policy Organization admins manage admin reports on app_admin.admin_reports  [authorization change]
--   create policy Organization admins manage admin settings on app_admin.admin_settings  [authorization change]
--   create policy Uploaders and admins can delete files on shared_services.file_storage  [authorization change]
--   create policy Uploaders and admins can update files on shared_services.file_storage  [authorization change]
--   create policy Users can add files to their organization on shared_services.file_storage  [authorization change]
--   create policy Users can create own posts on app_web.posts  [authorization change]
--   create policy Users can create own preferences on app_web.preferences  [authorization change]
--   create policy Users can create own profile on app_web.profiles  [authorization change]
--   create policy Users can create projects in their organization on app_web.projects  [authorization change]
--   create policy Users can delete own notifications on public.notifications  [authorization change]
--   create policy Users can delete own notifications on shared_services.notifications  [authorization change]
--   create policy Users can delete own posts on app_web.posts  [authorization change]
--   create policy Users can delete own preferences on app_web.preferences  [authorization change]
--   create policy Users can delete own profile on app_web.profiles  [authorization change]
--   create policy Users can delete own tokens on public.auth_tokens  [authorization change]
--   create policy Users can mark own notifications read on public.notifications  [authorization change]
--   create policy Users can mark own notifications read on shared_services.notifications  [authorization change]
--   create policy Users can only see their org's projects on app_web.projects  [authorization change]
--   create policy Users can revoke own tokens on public.auth_tokens  [authorization change]
--   create policy Users can update own posts on app_web.posts  [authorization change]
--   create policy Users can update own preferences on app_web.preferences  [authorization change]
--   create policy Users can update own profile on app_web.profiles  [authorization change]
--   create policy Users can update own user row on public.users  [authorization change]
--   create policy Users can update their org's projects on app_web.projects  [authorization change]
--   create policy Users can view organization posts and own posts on app_web.posts  [authorization change]
--   create policy Users can view organization users on public.users  [authorization change]
--   create policy Users can view own and organization profiles on app_web.profiles  [authorization change]
--   create policy Users can view own notifications on public.notifications  [authorization change]
--   create policy Users can view own notifications on shared_services.notifications  [authorization change]
--   create policy Users can view own organizations on public.organizations  [authorization change]
--   create policy Users can view own preferences on app_web.preferences  [authorization change]
--   create policy Users can view own tokens on public.auth_tokens  [authorization change]
--   create policy Users can view their org's files on shared_services.file_storage  [authorization change]
--   create policy Users can view their org's integrations on shared_services.integrations  [authorization change]
--   create policy Users can view their org's web features on app_web.web_features  [authorization change]
--   revoke public execute private.user_admin_organization_ids()  [authorization change]
--   revoke public execute private.user_organization_ids()  [authorization change]
--   revoke public execute public.get_posts_with_users(integer)  [authorization change]
--   revoke public execute public.handle_new_user()  [authorization change]
--   revoke public execute public.update_updated_at_column()  [authorization change]
--   grant update on column public.auth_tokens (revoked_at) to authenticated  [authorization change]
--   grant update on column public.notifications (is_read) to authenticated  [authorization change]
--   grant update on column public.notifications (read_at) to authenticated  [authorization change]
--   grant update on column public.organizations (name) to authenticated  [authorization change]
--   grant update on column public.organizations (settings) to authenticated  [authorization change]
--   grant update on column public.users (avatar_url) to authenticated  [authorization change]
--   grant update on column public.users (name) to authenticated  [authorization change]
--   grant update on column shared_services.notifications (read_at) to authenticated  [authorization change]
--   grant update on column shared_services.notifications (status) to authenticated  [authorization change]
--   grant execute on function private.user_admin_organization_ids() to authenticated  [authorization change]
--   grant execute on function private.user_admin_organization_ids() to service_role  [authorization change]
--   grant execute on function private.user_organization_ids() to authenticated  [authorization change]
--   grant execute on function private.user_organization_ids() to service_role  [authorization change]
--   grant execute on function public.get_posts_with_users(integer) to authenticated  [authorization change]
--   grant execute on function public.get_posts_with_users(integer) to service_role  [authorization change]
--   grant usage on schema app_admin.app_admin to authenticated  [authorization change]
--   grant usage on schema app_admin.app_admin to service_role  [authorization change]
--   grant usage on schema app_web.app_web to authenticated  [authorization change]
--   grant usage on schema app_web.app_web to service_role  [authorization change]
--   grant usage on schema public.public to authenticated  [authorization change]
--   grant usage on schema public.public to service_role  [authorization change]
--   grant usage on schema shared_services.shared_services to authenticated  [authorization change]
--   grant usage on schema shared_services.shared_services to service_role  [authorization change]
--   grant select on table app_admin.admin_analytics to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table app_admin.admin_analytics to service_role  [authorization change]
--   grant select, insert, update, delete on table app_admin.admin_reports to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table app_admin.admin_reports to service_role  [authorization change]
--   grant select, insert, update, delete on table app_admin.admin_settings to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table app_admin.admin_settings to service_role  [authorization change]
--   grant select, insert, update, delete on table app_web.posts to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table app_web.posts to service_role  [authorization change]
--   grant select, insert, update, delete on table app_web.preferences to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table app_web.preferences to service_role  [authorization change]
--   grant select, insert, update, delete on table app_web.profiles to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table app_web.profiles to service_role  [authorization change]
--   grant select, insert, update, delete on table app_web.projects to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table app_web.projects to service_role  [authorization change]
--   grant select, insert, update, delete on table app_web.web_features to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table app_web.web_features to service_role  [authorization change]
--   grant select on table public.audit_logs to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table public.audit_logs to service_role  [authorization change]
--   grant select, delete on table public.auth_tokens to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table public.auth_tokens to service_role  [authorization change]
--   grant select, delete on table public.notifications to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table public.notifications to service_role  [authorization change]
--   grant select on table public.organizations to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table public.organizations to service_role  [authorization change]
--   grant select on table public.users to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table public.users to service_role  [authorization change]
--   grant select, insert, update, delete on table shared_services.file_storage to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table shared_services.file_storage to service_role  [authorization change]
--   grant select, insert, update, delete on table shared_services.integrations to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table shared_services.integrations to service_role  [authorization change]
--   grant select, delete on table shared_services.notifications to authenticated  [authorization change]
--   grant select, insert, update, delete, truncate, references, trigger on table shared_services.notifications to service_role  [authorization change]
--   comment action on public.audit_logs
--   comment app_admin
--   comment app_admin.admin_analytics
--   comment app_admin.admin_reports
--   comment app_admin.admin_settings
--   comment app_web
--   comment app_web.posts
--   comment app_web.preferences
--   comment app_web.profiles
--   comment app_web.projects
--   comment app_web.web_features
--   comment avatar_url on public.users
--   comment bio on app_web.profiles
--   comment bucket on shared_services.file_storage
--   comment checksum_sha256 on shared_services.file_storage
--   comment config on shared_services.integrations
--   comment created_by on app_admin.admin_reports
--   comment created_by on shared_services.integrations
--   comment dimensions on app_admin.admin_analytics
--   comment email on public.users
--   comment entity_id on public.audit_logs
--   comment entity_type on public.audit_logs
--   comment feature_key on app_web.web_features
--   comment is_active on public.users
--   comment key on app_admin.admin_settings
--   comment locale on app_web.preferences
--   comment metric on app_admin.admin_analytics
--   comment name on public.auth_tokens
--   comment name on public.organizations
--   comment name on public.users
--   comment object_path on shared_services.file_storage
--   comment organization_id on app_admin.admin_analytics
--   comment organization_id on app_admin.admin_reports
--   comment organization_id on app_admin.admin_settings
--   comment organization_id on app_web.posts
--   comment organization_id on app_web.projects
--   comment organization_id on app_web.web_features
--   comment organization_id on public.audit_logs
--   comment organization_id on public.users
--   comment organization_id on shared_services.file_storage
--   comment organization_id on shared_services.integrations
--   comment organization_id on shared_services.notifications
--   comment parameters on app_admin.admin_reports
--   comment posts_author_organization_fkey on app_web.posts
--   comment private
--   comment private.user_admin_organization_ids()
--   comment private.user_organization_ids()
--   comment provider on shared_services.integrations
--   comment public.audit_logs
--   comment public.auth_tokens
--   comment public.get_posts_with_users(integer)
--   comment public.handle_new_user()
--   comment public.notifications
--   comment public.organizations
--   comment public.update_updated_at_column()
--   comment public.users
--   comment result on app_admin.admin_reports
--   comment revoked_at on public.auth_tokens
--   comment role on public.users
--   comment secret_id on shared_services.integrations
--   comment settings on app_web.preferences
--   comment settings on app_web.web_features
--   comment settings on public.organizations
--   comment shared_services
--   comment shared_services.file_storage
--   comment shared_services.integrations
--   comment shared_services.notifications
--   comment slug on public.organizations
--   comment social_links on app_web.profiles
--   comment source_app on public.audit_logs
--   comment source_app on shared_services.notifications
--   comment status on app_admin.admin_reports
--   comment status on app_web.posts
--   comment status on shared_services.notifications
--   comment timezone on app_web.preferences
--   comment token_hash on public.auth_tokens
--   comment token_type on public.auth_tokens
--   comment type on public.notifications
--   comment updated_by on app_admin.admin_settings
--   comment uploaded_by on shared_services.file_storage
--   comment user_id on app_web.posts
--   comment user_id on app_web.preferences
--   comment user_id on app_web.profiles
--   comment user_id on public.audit_logs
--   comment user_id on public.auth_tokens
--   comment user_id on public.notifications
--   comment user_id on public.users
--   comment user_id on shared_services.notifications
--   comment value on app_admin.admin_settings

SET lock_timeout = '5s';
SET statement_timeout = '1min';
SET check_function_bodies = false;

CREATE SCHEMA app_admin;

CREATE SCHEMA app_web;

CREATE SCHEMA private;

CREATE SCHEMA shared_services;

CREATE FUNCTION private.user_admin_organization_ids()
RETURNS SETOF uuid
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = ''
AS $$select u.organization_id
from public.users as u
where u.user_id = (select auth.uid())
  and u.is_active
  and u.role = 'admin'
$$;

CREATE FUNCTION private.user_organization_ids()
RETURNS SETOF uuid
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = ''
AS $$select u.organization_id
from public.users as u
where u.user_id = (select auth.uid())
  and u.is_active
$$;

CREATE FUNCTION public.get_posts_with_users(post_limit integer DEFAULT 10)
RETURNS TABLE (post_id uuid, title character varying, content text, user_id uuid, user_name character varying, user_email character varying)
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$begin
    return query
    select
        p.post_id,
        p.title,
        p.content,
        u.user_id,
        u.name,
        u.email
    from app_web.posts as p
    inner join public.users as u on p.user_id = u.user_id
    where p.status = 'published'
    order by p.created_at desc
    limit post_limit;
end;
$$;

CREATE FUNCTION public.handle_new_user()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = ''
AS $$begin
    insert into app_web.profiles (user_id)
    values (new.user_id);
    return new;
end;
$$;

CREATE FUNCTION public.update_updated_at_column()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = ''
AS $$begin
    new.updated_at = current_timestamp;
    return new;
end;
$$;

CREATE TABLE app_admin.admin_analytics (
    analytics_id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    metric text NOT NULL,
    dimensions jsonb DEFAULT '{}'::jsonb NOT NULL,
    value numeric NOT NULL,
    period_start timestamp with time zone NOT NULL,
    period_end timestamp with time zone NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT admin_analytics_pkey PRIMARY KEY (analytics_id),
    CONSTRAINT admin_analytics_metric_check CHECK ((metric ~ '^[a-z][a-z0-9_.-]{0,99}$'::text)),
    CONSTRAINT admin_analytics_period_check CHECK ((period_end > period_start))
);

CREATE TABLE app_admin.admin_reports (
    report_id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    created_by uuid,
    name text NOT NULL,
    report_type text NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    parameters jsonb DEFAULT '{}'::jsonb NOT NULL,
    result jsonb,
    error_message text,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    generated_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT admin_reports_pkey PRIMARY KEY (report_id),
    CONSTRAINT admin_reports_completed_check CHECK (((status = 'completed'::text) = (generated_at IS NOT NULL))),
    CONSTRAINT admin_reports_name_check CHECK (((char_length(name) >= 1) AND (char_length(name) <= 255))),
    CONSTRAINT admin_reports_report_type_check CHECK ((report_type = ANY (ARRAY['usage'::text, 'activity'::text, 'audit'::text, 'billing'::text, 'custom'::text]))),
    CONSTRAINT admin_reports_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'running'::text, 'completed'::text, 'failed'::text])))
);

CREATE TABLE app_admin.admin_settings (
    setting_id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    key text NOT NULL,
    value jsonb DEFAULT '{}'::jsonb NOT NULL,
    description text,
    updated_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT admin_settings_pkey PRIMARY KEY (setting_id),
    CONSTRAINT admin_settings_organization_id_key_key UNIQUE (organization_id, key),
    CONSTRAINT admin_settings_key_check CHECK ((key ~ '^[a-z][a-z0-9_.-]{0,99}$'::text))
);

CREATE TABLE app_web.posts (
    post_id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    user_id uuid NOT NULL,
    title character varying(255) NOT NULL,
    content text,
    status character varying(50) DEFAULT 'draft'::character varying NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT posts_pkey PRIMARY KEY (post_id),
    CONSTRAINT posts_status_check CHECK (((status)::text = ANY ((ARRAY['draft'::character varying, 'published'::character varying, 'archived'::character varying])::text[]))),
    CONSTRAINT posts_title_check CHECK ((char_length((title)::text) >= 1))
);

CREATE TABLE app_web.preferences (
    preference_id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    theme text DEFAULT 'system'::text NOT NULL,
    locale text DEFAULT 'en'::text NOT NULL,
    timezone text DEFAULT 'UTC'::text NOT NULL,
    email_notifications boolean DEFAULT true NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT preferences_pkey PRIMARY KEY (preference_id),
    CONSTRAINT preferences_user_id_key UNIQUE (user_id),
    CONSTRAINT preferences_locale_check CHECK ((locale ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'::text)),
    CONSTRAINT preferences_settings_check CHECK ((jsonb_typeof(settings) = 'object'::text)),
    CONSTRAINT preferences_theme_check CHECK ((theme = ANY (ARRAY['light'::text, 'dark'::text, 'system'::text])))
);

CREATE TABLE app_web.profiles (
    profile_id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    bio text,
    website character varying(255),
    social_links jsonb DEFAULT '{}'::jsonb NOT NULL,
    preferences jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT profiles_pkey PRIMARY KEY (profile_id),
    CONSTRAINT profiles_bio_check CHECK ((char_length(bio) <= 1000)),
    CONSTRAINT profiles_social_links_check CHECK ((jsonb_typeof(social_links) = 'object'::text))
);

CREATE TABLE app_web.projects (
    project_id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    name character varying(255) NOT NULL,
    description text,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT projects_pkey PRIMARY KEY (project_id),
    CONSTRAINT projects_name_check CHECK ((char_length((name)::text) >= 1))
);

CREATE TABLE app_web.web_features (
    feature_id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    feature_key text NOT NULL,
    is_enabled boolean DEFAULT false NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT web_features_pkey PRIMARY KEY (feature_id),
    CONSTRAINT web_features_organization_id_feature_key_key UNIQUE (organization_id, feature_key),
    CONSTRAINT web_features_feature_key_check CHECK ((feature_key ~ '^[a-z][a-z0-9_.-]{0,99}$'::text)),
    CONSTRAINT web_features_settings_check CHECK ((jsonb_typeof(settings) = 'object'::text))
);

CREATE TABLE public.audit_logs (
    audit_log_id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid,
    user_id uuid,
    action text NOT NULL,
    entity_type text,
    entity_id uuid,
    old_data jsonb,
    new_data jsonb,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    ip_address inet,
    user_agent text,
    source_app text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT audit_logs_pkey PRIMARY KEY (audit_log_id),
    CONSTRAINT audit_logs_action_check CHECK (((char_length(action) >= 1) AND (char_length(action) <= 100)))
);

CREATE TABLE public.auth_tokens (
    token_id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    token_type text DEFAULT 'api'::text NOT NULL,
    name text,
    token_hash text NOT NULL,
    scopes text[] DEFAULT '{}'::text[] NOT NULL,
    expires_at timestamp with time zone,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT auth_tokens_pkey PRIMARY KEY (token_id),
    CONSTRAINT auth_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT auth_tokens_expiry_check CHECK (((expires_at IS NULL) OR (expires_at > created_at))),
    CONSTRAINT auth_tokens_name_check CHECK (((char_length(name) >= 1) AND (char_length(name) <= 255))),
    CONSTRAINT auth_tokens_revoked_check CHECK (((revoked_at IS NULL) OR (revoked_at >= created_at))),
    CONSTRAINT auth_tokens_token_type_check CHECK ((token_type = ANY (ARRAY['api'::text, 'refresh'::text, 'password_reset'::text, 'email_verification'::text])))
);

CREATE TABLE public.notifications (
    notification_id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    type character varying(50) NOT NULL,
    title character varying(255) NOT NULL,
    message text,
    data jsonb DEFAULT '{}'::jsonb NOT NULL,
    is_read boolean DEFAULT false NOT NULL,
    read_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT notifications_pkey PRIMARY KEY (notification_id),
    CONSTRAINT notifications_read_at_check CHECK (((read_at IS NULL) OR is_read)),
    CONSTRAINT notifications_title_check CHECK ((char_length((title)::text) >= 1))
);

CREATE TABLE public.organizations (
    organization_id uuid DEFAULT gen_random_uuid() NOT NULL,
    name character varying(255) NOT NULL,
    slug character varying(100) NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT organizations_pkey PRIMARY KEY (organization_id),
    CONSTRAINT organizations_slug_key UNIQUE (slug),
    CONSTRAINT organizations_name_check CHECK ((char_length((name)::text) >= 1)),
    CONSTRAINT organizations_settings_check CHECK ((jsonb_typeof(settings) = 'object'::text)),
    CONSTRAINT organizations_slug_check CHECK (((slug)::text ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text))
);

CREATE TABLE public.users (
    user_id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    email character varying(255) NOT NULL,
    name character varying(255) NOT NULL,
    avatar_url character varying(500),
    role character varying(50) DEFAULT 'user'::character varying NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (user_id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_user_id_organization_id_key UNIQUE (user_id, organization_id),
    CONSTRAINT users_email_check CHECK (((email)::text ~ '^[^@[:space:]]+@[^@[:space:]]+$'::text)),
    CONSTRAINT users_name_check CHECK ((char_length((name)::text) >= 1)),
    CONSTRAINT users_role_check CHECK (((role)::text = ANY ((ARRAY['user'::character varying, 'moderator'::character varying, 'admin'::character varying])::text[])))
);

CREATE TABLE shared_services.file_storage (
    file_id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    uploaded_by uuid,
    bucket text NOT NULL,
    object_path text NOT NULL,
    file_name text NOT NULL,
    mime_type text,
    size_bytes bigint NOT NULL,
    checksum_sha256 text,
    source_app text,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT file_storage_pkey PRIMARY KEY (file_id),
    CONSTRAINT file_storage_bucket_object_path_key UNIQUE (bucket, object_path),
    CONSTRAINT file_storage_bucket_check CHECK (((char_length(bucket) >= 1) AND (char_length(bucket) <= 100))),
    CONSTRAINT file_storage_checksum_sha256_check CHECK ((checksum_sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT file_storage_file_name_check CHECK (((char_length(file_name) >= 1) AND (char_length(file_name) <= 255))),
    CONSTRAINT file_storage_object_path_check CHECK ((char_length(object_path) >= 1)),
    CONSTRAINT file_storage_size_bytes_check CHECK ((size_bytes >= 0))
);

CREATE TABLE shared_services.integrations (
    integration_id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    provider text NOT NULL,
    name text NOT NULL,
    status text DEFAULT 'inactive'::text NOT NULL,
    config jsonb DEFAULT '{}'::jsonb NOT NULL,
    secret_id uuid,
    created_by uuid,
    last_synced_at timestamp with time zone,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT integrations_pkey PRIMARY KEY (integration_id),
    CONSTRAINT integrations_organization_id_provider_name_key UNIQUE (organization_id, provider, name),
    CONSTRAINT integrations_config_check CHECK ((jsonb_typeof(config) = 'object'::text)),
    CONSTRAINT integrations_name_check CHECK (((char_length(name) >= 1) AND (char_length(name) <= 255))),
    CONSTRAINT integrations_provider_check CHECK ((provider ~ '^[a-z][a-z0-9_-]{0,49}$'::text)),
    CONSTRAINT integrations_status_check CHECK ((status = ANY (ARRAY['active'::text, 'inactive'::text, 'error'::text, 'revoked'::text])))
);

CREATE TABLE shared_services.notifications (
    notification_id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    user_id uuid NOT NULL,
    source_app text NOT NULL,
    channel text DEFAULT 'in_app'::text NOT NULL,
    type text NOT NULL,
    title text NOT NULL,
    body text,
    data jsonb DEFAULT '{}'::jsonb NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    scheduled_at timestamp with time zone,
    sent_at timestamp with time zone,
    read_at timestamp with time zone,
    error_message text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT notifications_pkey PRIMARY KEY (notification_id),
    CONSTRAINT notifications_channel_check CHECK ((channel = ANY (ARRAY['in_app'::text, 'email'::text, 'push'::text, 'sms'::text]))),
    CONSTRAINT notifications_source_app_check CHECK (((char_length(source_app) >= 1) AND (char_length(source_app) <= 50))),
    CONSTRAINT notifications_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'sent'::text, 'delivered'::text, 'failed'::text, 'read'::text]))),
    CONSTRAINT notifications_title_check CHECK (((char_length(title) >= 1) AND (char_length(title) <= 255))),
    CONSTRAINT notifications_type_check CHECK (((char_length(type) >= 1) AND (char_length(type) <= 50)))
);

ALTER TABLE app_admin.admin_analytics ADD CONSTRAINT admin_analytics_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations (organization_id) ON DELETE CASCADE;

ALTER TABLE app_admin.admin_reports ADD CONSTRAINT admin_reports_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users (user_id) ON DELETE SET NULL;

ALTER TABLE app_admin.admin_reports ADD CONSTRAINT admin_reports_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations (organization_id) ON DELETE CASCADE;

ALTER TABLE app_admin.admin_settings ADD CONSTRAINT admin_settings_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations (organization_id) ON DELETE CASCADE;

ALTER TABLE app_admin.admin_settings ADD CONSTRAINT admin_settings_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.users (user_id) ON DELETE SET NULL;

ALTER TABLE public.audit_logs ADD CONSTRAINT audit_logs_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations (organization_id) ON DELETE CASCADE;

ALTER TABLE public.audit_logs ADD CONSTRAINT audit_logs_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users (user_id) ON DELETE SET NULL;

ALTER TABLE public.auth_tokens ADD CONSTRAINT auth_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users (user_id) ON DELETE CASCADE;

ALTER TABLE shared_services.file_storage ADD CONSTRAINT file_storage_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations (organization_id) ON DELETE CASCADE;

ALTER TABLE shared_services.file_storage ADD CONSTRAINT file_storage_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES public.users (user_id) ON DELETE SET NULL;

ALTER TABLE shared_services.integrations ADD CONSTRAINT integrations_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users (user_id) ON DELETE SET NULL;

ALTER TABLE shared_services.integrations ADD CONSTRAINT integrations_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations (organization_id) ON DELETE CASCADE;

ALTER TABLE shared_services.notifications ADD CONSTRAINT notifications_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations (organization_id) ON DELETE CASCADE;

ALTER TABLE public.notifications ADD CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users (user_id) ON DELETE CASCADE;

ALTER TABLE shared_services.notifications ADD CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users (user_id) ON DELETE CASCADE;

ALTER TABLE app_web.posts ADD CONSTRAINT posts_author_organization_fkey FOREIGN KEY (user_id, organization_id) REFERENCES public.users (user_id, organization_id) ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE app_web.posts ADD CONSTRAINT posts_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations (organization_id) ON DELETE CASCADE;

ALTER TABLE app_web.posts ADD CONSTRAINT posts_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users (user_id) ON DELETE CASCADE;

ALTER TABLE app_web.preferences ADD CONSTRAINT preferences_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users (user_id) ON DELETE CASCADE;

ALTER TABLE app_web.profiles ADD CONSTRAINT profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users (user_id) ON DELETE CASCADE;

ALTER TABLE app_web.projects ADD CONSTRAINT projects_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations (organization_id) ON DELETE CASCADE;

ALTER TABLE public.users ADD CONSTRAINT users_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations (organization_id) ON DELETE CASCADE;

ALTER TABLE app_web.web_features ADD CONSTRAINT web_features_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations (organization_id) ON DELETE CASCADE;

CREATE INDEX idx_admin_analytics_organization_metric ON app_admin.admin_analytics (organization_id, metric, period_start DESC);

CREATE INDEX idx_admin_reports_created_by ON app_admin.admin_reports (created_by);

CREATE INDEX idx_admin_reports_organization_created ON app_admin.admin_reports (organization_id, created_at DESC);

CREATE INDEX idx_admin_settings_updated_by ON app_admin.admin_settings (updated_by);

CREATE INDEX idx_posts_list ON app_web.posts (user_id, created_at DESC) INCLUDE (title, status);

CREATE INDEX idx_posts_organization ON app_web.posts (organization_id, created_at DESC);

CREATE INDEX idx_posts_status ON app_web.posts (status);

CREATE INDEX idx_posts_user ON app_web.posts (user_id);

CREATE INDEX idx_posts_user_status ON app_web.posts (user_id, status);

CREATE UNIQUE INDEX idx_profiles_user ON app_web.profiles (user_id);

CREATE INDEX idx_projects_organization ON app_web.projects (organization_id);

CREATE INDEX idx_active_users ON public.users (email) WHERE ((is_active = true));

CREATE INDEX idx_audit_logs_entity ON public.audit_logs (entity_type, entity_id);

CREATE INDEX idx_audit_logs_organization_created ON public.audit_logs (organization_id, created_at DESC);

CREATE INDEX idx_audit_logs_user ON public.audit_logs (user_id);

CREATE INDEX idx_auth_tokens_expires ON public.auth_tokens (expires_at) WHERE ((revoked_at IS NULL));

CREATE INDEX idx_auth_tokens_user ON public.auth_tokens (user_id);

CREATE INDEX idx_notifications_user ON public.notifications (user_id, is_read);

CREATE INDEX idx_notifications_user_unread ON public.notifications (user_id, is_read) WHERE ((is_read = false));

CREATE INDEX idx_users_organization ON public.users (organization_id);

CREATE INDEX idx_file_storage_organization ON shared_services.file_storage (organization_id, created_at DESC);

CREATE INDEX idx_file_storage_uploaded_by ON shared_services.file_storage (uploaded_by);

CREATE INDEX idx_integrations_created_by ON shared_services.integrations (created_by);

CREATE INDEX idx_shared_notifications_organization ON shared_services.notifications (organization_id);

CREATE INDEX idx_shared_notifications_pending ON shared_services.notifications (scheduled_at) WHERE ((status = 'pending'::text));

CREATE INDEX idx_shared_notifications_user_status ON shared_services.notifications (user_id, status);

CREATE TRIGGER on_user_created
AFTER INSERT ON public.users
FOR EACH ROW
EXECUTE FUNCTION public.handle_new_user();

CREATE TRIGGER update_admin_reports_updated_at
BEFORE UPDATE ON app_admin.admin_reports
FOR EACH ROW
EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_admin_settings_updated_at
BEFORE UPDATE ON app_admin.admin_settings
FOR EACH ROW
EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_auth_tokens_updated_at
BEFORE UPDATE ON public.auth_tokens
FOR EACH ROW
EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_file_storage_updated_at
BEFORE UPDATE ON shared_services.file_storage
FOR EACH ROW
EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_integrations_updated_at
BEFORE UPDATE ON shared_services.integrations
FOR EACH ROW
EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_notifications_updated_at
BEFORE UPDATE ON shared_services.notifications
FOR EACH ROW
EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_organizations_updated_at
BEFORE UPDATE ON public.organizations
FOR EACH ROW
EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_posts_updated_at
BEFORE UPDATE ON app_web.posts
FOR EACH ROW
EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_preferences_updated_at
BEFORE UPDATE ON app_web.preferences
FOR EACH ROW
EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_profiles_updated_at
BEFORE UPDATE ON app_web.profiles
FOR EACH ROW
EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_projects_updated_at
BEFORE UPDATE ON app_web.projects
FOR EACH ROW
EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_users_updated_at
BEFORE UPDATE ON public.users
FOR EACH ROW
EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_web_features_updated_at
BEFORE UPDATE ON app_web.web_features
FOR EACH ROW
EXECUTE FUNCTION public.update_updated_at_column();

ALTER TABLE app_admin.admin_analytics ENABLE ROW LEVEL SECURITY;

ALTER TABLE app_admin.admin_reports ENABLE ROW LEVEL SECURITY;

ALTER TABLE app_admin.admin_settings ENABLE ROW LEVEL SECURITY;

ALTER TABLE app_web.posts ENABLE ROW LEVEL SECURITY;

ALTER TABLE app_web.preferences ENABLE ROW LEVEL SECURITY;

ALTER TABLE app_web.profiles ENABLE ROW LEVEL SECURITY;

ALTER TABLE app_web.projects ENABLE ROW LEVEL SECURITY;

ALTER TABLE app_web.web_features ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.audit_logs ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.auth_tokens ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.organizations ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;

ALTER TABLE shared_services.file_storage ENABLE ROW LEVEL SECURITY;

ALTER TABLE shared_services.integrations ENABLE ROW LEVEL SECURITY;

ALTER TABLE shared_services.notifications ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Organization admins can add integrations" ON shared_services.integrations
AS PERMISSIVE
FOR INSERT
TO authenticated
WITH CHECK ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)));

CREATE POLICY "Organization admins can add web features" ON app_web.web_features
AS PERMISSIVE
FOR INSERT
TO authenticated
WITH CHECK ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)));

CREATE POLICY "Organization admins can delete integrations" ON shared_services.integrations
AS PERMISSIVE
FOR DELETE
TO authenticated
USING ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)));

CREATE POLICY "Organization admins can delete projects" ON app_web.projects
AS PERMISSIVE
FOR DELETE
TO authenticated
USING ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)));

CREATE POLICY "Organization admins can delete web features" ON app_web.web_features
AS PERMISSIVE
FOR DELETE
TO authenticated
USING ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)));

CREATE POLICY "Organization admins can update integrations" ON shared_services.integrations
AS PERMISSIVE
FOR UPDATE
TO authenticated
USING ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)))
WITH CHECK ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)));

CREATE POLICY "Organization admins can update their organization" ON public.organizations
AS PERMISSIVE
FOR UPDATE
TO authenticated
USING ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)))
WITH CHECK ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)));

CREATE POLICY "Organization admins can update web features" ON app_web.web_features
AS PERMISSIVE
FOR UPDATE
TO authenticated
USING ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)))
WITH CHECK ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)));

CREATE POLICY "Organization admins can view analytics" ON app_admin.admin_analytics
AS PERMISSIVE
FOR SELECT
TO authenticated
USING ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)));

CREATE POLICY "Organization admins can view audit logs" ON public.audit_logs
AS PERMISSIVE
FOR SELECT
TO authenticated
USING ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)));

CREATE POLICY "Organization admins manage admin reports" ON app_admin.admin_reports
AS PERMISSIVE
FOR ALL
TO authenticated
USING ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)))
WITH CHECK ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)));

CREATE POLICY "Organization admins manage admin settings" ON app_admin.admin_settings
AS PERMISSIVE
FOR ALL
TO authenticated
USING ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)))
WITH CHECK ((organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids)));

CREATE POLICY "Uploaders and admins can delete files" ON shared_services.file_storage
AS PERMISSIVE
FOR DELETE
TO authenticated
USING ((((uploaded_by = ( SELECT auth.uid() AS uid)) AND (organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids))) OR (organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids))));

CREATE POLICY "Uploaders and admins can update files" ON shared_services.file_storage
AS PERMISSIVE
FOR UPDATE
TO authenticated
USING ((((uploaded_by = ( SELECT auth.uid() AS uid)) AND (organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids))) OR (organization_id IN ( SELECT private.user_admin_organization_ids() AS user_admin_organization_ids))))
WITH CHECK ((organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids)));

CREATE POLICY "Users can add files to their organization" ON shared_services.file_storage
AS PERMISSIVE
FOR INSERT
TO authenticated
WITH CHECK (((uploaded_by = ( SELECT auth.uid() AS uid)) AND (organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids))));

CREATE POLICY "Users can create own posts" ON app_web.posts
AS PERMISSIVE
FOR INSERT
TO authenticated
WITH CHECK (((user_id = ( SELECT auth.uid() AS uid)) AND (organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids))));

CREATE POLICY "Users can create own preferences" ON app_web.preferences
AS PERMISSIVE
FOR INSERT
TO authenticated
WITH CHECK ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can create own profile" ON app_web.profiles
AS PERMISSIVE
FOR INSERT
TO authenticated
WITH CHECK ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can create projects in their organization" ON app_web.projects
AS PERMISSIVE
FOR INSERT
TO authenticated
WITH CHECK ((organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids)));

CREATE POLICY "Users can delete own notifications" ON public.notifications
AS PERMISSIVE
FOR DELETE
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can delete own notifications" ON shared_services.notifications
AS PERMISSIVE
FOR DELETE
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can delete own posts" ON app_web.posts
AS PERMISSIVE
FOR DELETE
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can delete own preferences" ON app_web.preferences
AS PERMISSIVE
FOR DELETE
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can delete own profile" ON app_web.profiles
AS PERMISSIVE
FOR DELETE
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can delete own tokens" ON public.auth_tokens
AS PERMISSIVE
FOR DELETE
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can mark own notifications read" ON public.notifications
AS PERMISSIVE
FOR UPDATE
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)))
WITH CHECK ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can mark own notifications read" ON shared_services.notifications
AS PERMISSIVE
FOR UPDATE
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)))
WITH CHECK (((user_id = ( SELECT auth.uid() AS uid)) AND (status = ANY (ARRAY['delivered'::text, 'read'::text]))));

CREATE POLICY "Users can only see their org's projects" ON app_web.projects
AS PERMISSIVE
FOR SELECT
TO authenticated
USING ((organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids)));

CREATE POLICY "Users can revoke own tokens" ON public.auth_tokens
AS PERMISSIVE
FOR UPDATE
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)))
WITH CHECK ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can update own posts" ON app_web.posts
AS PERMISSIVE
FOR UPDATE
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)))
WITH CHECK (((user_id = ( SELECT auth.uid() AS uid)) AND (organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids))));

CREATE POLICY "Users can update own preferences" ON app_web.preferences
AS PERMISSIVE
FOR UPDATE
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)))
WITH CHECK ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can update own profile" ON app_web.profiles
AS PERMISSIVE
FOR UPDATE
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)))
WITH CHECK ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can update own user row" ON public.users
AS PERMISSIVE
FOR UPDATE
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)))
WITH CHECK ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can update their org's projects" ON app_web.projects
AS PERMISSIVE
FOR UPDATE
TO authenticated
USING ((organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids)))
WITH CHECK ((organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids)));

CREATE POLICY "Users can view organization posts and own posts" ON app_web.posts
AS PERMISSIVE
FOR SELECT
TO authenticated
USING (((user_id = ( SELECT auth.uid() AS uid)) OR (((status)::text = 'published'::text) AND (organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids)))));

CREATE POLICY "Users can view organization users" ON public.users
AS PERMISSIVE
FOR SELECT
TO authenticated
USING (((user_id = ( SELECT auth.uid() AS uid)) OR (organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids))));

CREATE POLICY "Users can view own and organization profiles" ON app_web.profiles
AS PERMISSIVE
FOR SELECT
TO authenticated
USING (((user_id = ( SELECT auth.uid() AS uid)) OR (user_id IN ( SELECT u.user_id
   FROM public.users u
  WHERE (u.organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids))))));

CREATE POLICY "Users can view own notifications" ON public.notifications
AS PERMISSIVE
FOR SELECT
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can view own notifications" ON shared_services.notifications
AS PERMISSIVE
FOR SELECT
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can view own organizations" ON public.organizations
AS PERMISSIVE
FOR SELECT
TO authenticated
USING ((organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids)));

CREATE POLICY "Users can view own preferences" ON app_web.preferences
AS PERMISSIVE
FOR SELECT
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can view own tokens" ON public.auth_tokens
AS PERMISSIVE
FOR SELECT
TO authenticated
USING ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Users can view their org's files" ON shared_services.file_storage
AS PERMISSIVE
FOR SELECT
TO authenticated
USING ((organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids)));

CREATE POLICY "Users can view their org's integrations" ON shared_services.integrations
AS PERMISSIVE
FOR SELECT
TO authenticated
USING ((organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids)));

CREATE POLICY "Users can view their org's web features" ON app_web.web_features
AS PERMISSIVE
FOR SELECT
TO authenticated
USING ((organization_id IN ( SELECT private.user_organization_ids() AS user_organization_ids)));

REVOKE EXECUTE ON FUNCTION private.user_admin_organization_ids() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION private.user_organization_ids() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION public.get_posts_with_users(integer) FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION public.handle_new_user() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION public.update_updated_at_column() FROM PUBLIC;

GRANT UPDATE (revoked_at) ON TABLE public.auth_tokens TO authenticated;

GRANT UPDATE (is_read) ON TABLE public.notifications TO authenticated;

GRANT UPDATE (read_at) ON TABLE public.notifications TO authenticated;

GRANT UPDATE (name) ON TABLE public.organizations TO authenticated;

GRANT UPDATE (settings) ON TABLE public.organizations TO authenticated;

GRANT UPDATE (avatar_url) ON TABLE public.users TO authenticated;

GRANT UPDATE (name) ON TABLE public.users TO authenticated;

GRANT UPDATE (read_at) ON TABLE shared_services.notifications TO authenticated;

GRANT UPDATE (status) ON TABLE shared_services.notifications TO authenticated;

GRANT EXECUTE ON FUNCTION private.user_admin_organization_ids() TO authenticated;

GRANT EXECUTE ON FUNCTION private.user_admin_organization_ids() TO service_role;

GRANT EXECUTE ON FUNCTION private.user_organization_ids() TO authenticated;

GRANT EXECUTE ON FUNCTION private.user_organization_ids() TO service_role;

GRANT EXECUTE ON FUNCTION public.get_posts_with_users(integer) TO authenticated;

GRANT EXECUTE ON FUNCTION public.get_posts_with_users(integer) TO service_role;

GRANT USAGE ON SCHEMA app_admin TO authenticated;

GRANT USAGE ON SCHEMA app_admin TO service_role;

GRANT USAGE ON SCHEMA app_web TO authenticated;

GRANT USAGE ON SCHEMA app_web TO service_role;

GRANT USAGE ON SCHEMA public TO authenticated;

GRANT USAGE ON SCHEMA public TO service_role;

GRANT USAGE ON SCHEMA shared_services TO authenticated;

GRANT USAGE ON SCHEMA shared_services TO service_role;

GRANT SELECT ON TABLE app_admin.admin_analytics TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE app_admin.admin_analytics TO service_role;

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE app_admin.admin_reports TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE app_admin.admin_reports TO service_role;

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE app_admin.admin_settings TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE app_admin.admin_settings TO service_role;

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE app_web.posts TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE app_web.posts TO service_role;

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE app_web.preferences TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE app_web.preferences TO service_role;

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE app_web.profiles TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE app_web.profiles TO service_role;

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE app_web.projects TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE app_web.projects TO service_role;

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE app_web.web_features TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE app_web.web_features TO service_role;

GRANT SELECT ON TABLE public.audit_logs TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE public.audit_logs TO service_role;

GRANT SELECT, DELETE ON TABLE public.auth_tokens TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE public.auth_tokens TO service_role;

GRANT SELECT, DELETE ON TABLE public.notifications TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE public.notifications TO service_role;

GRANT SELECT ON TABLE public.organizations TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE public.organizations TO service_role;

GRANT SELECT ON TABLE public.users TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE public.users TO service_role;

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE shared_services.file_storage TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE shared_services.file_storage TO service_role;

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE shared_services.integrations TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE shared_services.integrations TO service_role;

GRANT SELECT, DELETE ON TABLE shared_services.notifications TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE shared_services.notifications TO service_role;

COMMENT ON COLUMN public.audit_logs.action IS 'What happened, e.g. user.created, post.deleted, token.revoked.';

COMMENT ON SCHEMA app_admin IS 'Data owned by the DFWorX admin dashboard; readable by organization admins only.';

COMMENT ON TABLE app_admin.admin_analytics IS 'Aggregated metrics per organization and period, written by the analytics service.';

COMMENT ON TABLE app_admin.admin_reports IS 'Reports requested by an organization''s admins and produced by the reporting service.';

COMMENT ON TABLE app_admin.admin_settings IS 'Configuration an organization''s admins set in the admin dashboard, one value per key.';

COMMENT ON SCHEMA app_web IS 'Data owned by the DFWorX web app.';

COMMENT ON TABLE app_web.posts IS 'Posts written in the web app; published posts are visible within the author''s organization.';

COMMENT ON TABLE app_web.preferences IS 'The web app''s settings of each user (one row per user).';

COMMENT ON TABLE app_web.profiles IS 'The web app''s profile of each user, created by the on_user_created trigger on public.users.';

COMMENT ON TABLE app_web.projects IS 'Projects of an organization, shared by all its members.';

COMMENT ON TABLE app_web.web_features IS 'Web app features switched on or off per organization, with their settings.';

COMMENT ON COLUMN public.users.avatar_url IS 'URL of the user''s avatar image.';

COMMENT ON COLUMN app_web.profiles.bio IS 'Free text, at most 1000 characters.';

COMMENT ON COLUMN shared_services.file_storage.bucket IS 'The Supabase Storage bucket.';

COMMENT ON COLUMN shared_services.file_storage.checksum_sha256 IS 'SHA-256 of the content, lower-case hex.';

COMMENT ON COLUMN shared_services.integrations.config IS 'Non-secret settings (workspace id, channel, scopes, …).';

COMMENT ON COLUMN app_admin.admin_reports.created_by IS 'The admin who requested the report.';

COMMENT ON COLUMN shared_services.integrations.created_by IS 'The admin who connected the integration.';

COMMENT ON COLUMN app_admin.admin_analytics.dimensions IS 'Breakdown of the value (app, country, …), a JSON object.';

COMMENT ON COLUMN public.users.email IS 'Sign-in e-mail address, unique across all organizations.';

COMMENT ON COLUMN public.audit_logs.entity_id IS 'The id of the object acted on.';

COMMENT ON COLUMN public.audit_logs.entity_type IS 'The kind of object acted on, e.g. app_web.posts.';

COMMENT ON COLUMN app_web.web_features.feature_key IS 'The feature''s stable key, e.g. posts.comments.';

COMMENT ON COLUMN public.users.is_active IS 'false for deactivated users, who lose access to their organization''s data.';

COMMENT ON COLUMN app_admin.admin_settings.key IS 'The setting''s stable key, e.g. security.session_timeout.';

COMMENT ON COLUMN app_web.preferences.locale IS 'BCP 47 language tag, e.g. en or pt-BR.';

COMMENT ON COLUMN app_admin.admin_analytics.metric IS 'The metric''s key, e.g. users.active or posts.published.';

COMMENT ON COLUMN public.auth_tokens.name IS 'A label the user gave the token (API tokens).';

COMMENT ON COLUMN public.organizations.name IS 'Display name.';

COMMENT ON COLUMN public.users.name IS 'Display name, 1 to 255 characters.';

COMMENT ON COLUMN shared_services.file_storage.object_path IS 'The object''s path inside the bucket.';

COMMENT ON COLUMN app_admin.admin_analytics.organization_id IS 'The organization measured (tenant).';

COMMENT ON COLUMN app_admin.admin_reports.organization_id IS 'The organization the report covers (tenant).';

COMMENT ON COLUMN app_admin.admin_settings.organization_id IS 'The organization the setting applies to (tenant).';

COMMENT ON COLUMN app_web.posts.organization_id IS 'The author''s organization (tenant); kept equal to it by posts_author_organization_fkey.';

COMMENT ON COLUMN app_web.projects.organization_id IS 'The owning organization (tenant).';

COMMENT ON COLUMN app_web.web_features.organization_id IS 'The organization the switch applies to (tenant).';

COMMENT ON COLUMN public.audit_logs.organization_id IS 'The organization the event belongs to; null for system events outside any tenant.';

COMMENT ON COLUMN public.users.organization_id IS 'The user''s organization (tenant).';

COMMENT ON COLUMN shared_services.file_storage.organization_id IS 'The owning organization (tenant).';

COMMENT ON COLUMN shared_services.integrations.organization_id IS 'The organization that connected the service (tenant).';

COMMENT ON COLUMN shared_services.notifications.organization_id IS 'The organization the notification is sent in (tenant).';

COMMENT ON COLUMN app_admin.admin_reports.parameters IS 'The report''s inputs (period, filters, …).';

COMMENT ON CONSTRAINT posts_author_organization_fkey ON app_web.posts IS 'A post belongs to its author''s organization, and follows the author if they move.';

COMMENT ON SCHEMA private IS 'Helpers for row-level security policies; not exposed through the Data API.';

COMMENT ON FUNCTION private.user_admin_organization_ids() IS 'The organizations in which the calling user (auth.uid()) is an active admin, for RLS policies.';

COMMENT ON FUNCTION private.user_organization_ids() IS 'The organizations of the calling user (auth.uid()), for RLS policies. SECURITY DEFINER so that reading public.users here does not apply public.users'' own policy (which calls this function: no infinite recursion, 42P17).';

COMMENT ON COLUMN shared_services.integrations.provider IS 'The provider''s key, e.g. slack or github.';

COMMENT ON TABLE public.audit_logs IS 'Append-only audit trail of changes and security events, across all apps.';

COMMENT ON TABLE public.auth_tokens IS 'Tokens issued to users (API keys, refresh, password-reset and e-mail verification tokens); only their hash is stored.';

COMMENT ON FUNCTION public.get_posts_with_users(integer) IS 'The latest published posts with their authors (RPC for the web service). SECURITY INVOKER: row-level security limits the result to the caller''s organization.';

COMMENT ON FUNCTION public.handle_new_user() IS 'AFTER INSERT trigger function on public.users that creates the user''s web profile. SECURITY DEFINER with an empty search_path: every name in the body is schema-qualified.';

COMMENT ON TABLE public.notifications IS 'In-app notifications, each addressed to one user.';

COMMENT ON TABLE public.organizations IS 'Organizations (tenants). Every tenant row in every schema belongs to one.';

COMMENT ON FUNCTION public.update_updated_at_column() IS 'BEFORE UPDATE trigger function that stamps updated_at on every changed row.';

COMMENT ON TABLE public.users IS 'User accounts, shared by every app. user_id is the Supabase Auth user id (auth.uid()).';

COMMENT ON COLUMN app_admin.admin_reports.result IS 'The report''s output once completed.';

COMMENT ON COLUMN public.auth_tokens.revoked_at IS 'When the token was revoked; a revoked token is never accepted again.';

COMMENT ON COLUMN public.users.role IS 'Application role in the organization (user, moderator or admin); only the service may change it.';

COMMENT ON COLUMN shared_services.integrations.secret_id IS 'The id of the credentials in Supabase Vault (vault.secrets); never the credentials.';

COMMENT ON COLUMN app_web.preferences.settings IS 'Other preferences, a JSON object.';

COMMENT ON COLUMN app_web.web_features.settings IS 'The feature''s settings, a JSON object.';

COMMENT ON COLUMN public.organizations.settings IS 'Organization-wide settings (a JSON object).';

COMMENT ON SCHEMA shared_services IS 'Data of the services every DFWorX app uses (notifications, files, integrations).';

COMMENT ON TABLE shared_services.file_storage IS 'Metadata of files kept in Supabase Storage, per organization; the files themselves are not in the database.';

COMMENT ON TABLE shared_services.integrations IS 'Third-party services an organization has connected (Slack, GitHub, …); secrets live in Supabase Vault.';

COMMENT ON TABLE shared_services.notifications IS 'Notifications any app sends through the notification service, one row per delivery on one channel.';

COMMENT ON COLUMN public.organizations.slug IS 'URL-safe unique identifier, lower-case words joined by hyphens.';

COMMENT ON COLUMN app_web.profiles.social_links IS 'Network name → profile URL.';

COMMENT ON COLUMN public.audit_logs.source_app IS 'The app or service that recorded the event (web, admin, auth-service, …).';

COMMENT ON COLUMN shared_services.notifications.source_app IS 'The app or service that sent it (web, admin, …).';

COMMENT ON COLUMN app_admin.admin_reports.status IS 'pending → running → completed or failed; set by the reporting service.';

COMMENT ON COLUMN app_web.posts.status IS 'draft (author only), published (the organization), archived (author only).';

COMMENT ON COLUMN shared_services.notifications.status IS 'Delivery state, set by the service; the recipient may set read.';

COMMENT ON COLUMN app_web.preferences.timezone IS 'IANA time zone name, e.g. Europe/Paris.';

COMMENT ON COLUMN public.auth_tokens.token_hash IS 'SHA-256 digest of the token, hex-encoded; the token itself is never stored.';

COMMENT ON COLUMN public.auth_tokens.token_type IS 'What the token is for.';

COMMENT ON COLUMN public.notifications.type IS 'What happened, e.g. post.published; the app decides how to display it.';

COMMENT ON COLUMN app_admin.admin_settings.updated_by IS 'The admin who last changed the setting.';

COMMENT ON COLUMN shared_services.file_storage.uploaded_by IS 'The user who uploaded the file; null once that user is deleted.';

COMMENT ON COLUMN app_web.posts.user_id IS 'The author.';

COMMENT ON COLUMN app_web.preferences.user_id IS 'The user these preferences belong to.';

COMMENT ON COLUMN app_web.profiles.user_id IS 'The user this profile belongs to (one profile per user).';

COMMENT ON COLUMN public.audit_logs.user_id IS 'Who acted; null for the system or a deleted user.';

COMMENT ON COLUMN public.auth_tokens.user_id IS 'The user the token authenticates.';

COMMENT ON COLUMN public.notifications.user_id IS 'The recipient.';

COMMENT ON COLUMN public.users.user_id IS 'The user''s id; equal to auth.uid() for the signed-in user.';

COMMENT ON COLUMN shared_services.notifications.user_id IS 'The recipient.';

COMMENT ON COLUMN app_admin.admin_settings.value IS 'The setting''s value (any JSON).';
