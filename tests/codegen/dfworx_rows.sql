-- Rows in every DFWorX table, optional columns both empty and filled, for the Row models.
insert into public.organizations (organization_id, name, slug, settings) values
  ('0000000a-0000-0000-0000-000000000000', 'Org A', 'org-a', '{"plan": "pro", "seats": 5}'),
  ('0000000b-0000-0000-0000-000000000000', 'Org B', 'org-b', default);
insert into public.users (user_id, organization_id, email, name, avatar_url, role, metadata) values
  ('000000a1-0000-0000-0000-000000000000', '0000000a-0000-0000-0000-000000000000', 'a1@a.test', 'A One',
   'https://a.test/a1.png', 'admin', '{"tags": ["x", 1, null, true]}'),
  ('000000b1-0000-0000-0000-000000000000', '0000000b-0000-0000-0000-000000000000', 'b1@b.test', 'B One', null,
   default, default);
update app_web.profiles set bio = 'Hello', website = 'https://a.test', social_links = '{"x": "https://x.test/a1"}'
  where user_id = '000000a1-0000-0000-0000-000000000000';
insert into app_web.posts (organization_id, user_id, title, content, status) values
  ('0000000a-0000-0000-0000-000000000000', '000000a1-0000-0000-0000-000000000000', 'Published', 'Text', 'published'),
  ('0000000b-0000-0000-0000-000000000000', '000000b1-0000-0000-0000-000000000000', 'Draft', null, default);
insert into app_web.projects (organization_id, name, description) values
  ('0000000a-0000-0000-0000-000000000000', 'Project', 'About it'),
  ('0000000b-0000-0000-0000-000000000000', 'Other', null);
insert into app_web.preferences (user_id, theme, locale, timezone, settings) values
  ('000000a1-0000-0000-0000-000000000000', 'dark', 'pt-BR', 'Europe/Lisbon', '{"compact": true}'),
  ('000000b1-0000-0000-0000-000000000000', default, default, default, default);
insert into app_web.web_features (organization_id, feature_key, is_enabled, description) values
  ('0000000a-0000-0000-0000-000000000000', 'beta.editor', true, 'New editor'),
  ('0000000b-0000-0000-0000-000000000000', 'search', default, null);
insert into public.audit_logs (organization_id, user_id, action, entity_type, entity_id, old_data, new_data,
                               ip_address, user_agent, source_app) values
  ('0000000a-0000-0000-0000-000000000000', '000000a1-0000-0000-0000-000000000000', 'user.update', 'user',
   '000000a1-0000-0000-0000-000000000000', '{"name": "A"}', '{"name": "A One"}', '192.0.2.1', 'curl/8', 'web'),
  (null, null, 'system.start', null, null, null, null, null, null, null);
insert into public.auth_tokens (user_id, token_type, name, token_hash, scopes, expires_at, last_used_at) values
  ('000000a1-0000-0000-0000-000000000000', 'api', 'CI', repeat('ab', 32), '{read:posts,write:posts}',
   now() + interval '1 day', now()),
  ('000000b1-0000-0000-0000-000000000000', default, null, repeat('cd', 32), default, null, null);
insert into public.notifications (user_id, type, title, message, is_read, read_at) values
  ('000000a1-0000-0000-0000-000000000000', 'mention', 'You were mentioned', 'In a post', true, now()),
  ('000000b1-0000-0000-0000-000000000000', 'welcome', 'Welcome', null, default, null);
insert into app_admin.admin_analytics (organization_id, metric, dimensions, value, period_start, period_end) values
  ('0000000a-0000-0000-0000-000000000000', 'posts.count', '{"app": "web"}', 12.5, now() - interval '1 day', now());
insert into app_admin.admin_reports (organization_id, created_by, name, report_type, status, result, generated_at) values
  ('0000000a-0000-0000-0000-000000000000', '000000a1-0000-0000-0000-000000000000', 'Usage', 'usage', 'completed',
   '[1, 2, 3]', now()),
  ('0000000b-0000-0000-0000-000000000000', null, 'Audit', 'audit', default, null, null);
insert into app_admin.admin_settings (organization_id, key, value, description, updated_by) values
  ('0000000a-0000-0000-0000-000000000000', 'limits.posts', '100', 'Posts per day', '000000a1-0000-0000-0000-000000000000'),
  ('0000000b-0000-0000-0000-000000000000', 'theme', default, null, null);
insert into shared_services.file_storage (organization_id, uploaded_by, bucket, object_path, file_name, mime_type,
                                          size_bytes, checksum_sha256, source_app) values
  ('0000000a-0000-0000-0000-000000000000', '000000a1-0000-0000-0000-000000000000', 'avatars', 'a1/me.png', 'me.png',
   'image/png', 2048, repeat('0f', 32), 'web'),
  ('0000000b-0000-0000-0000-000000000000', null, 'docs', 'b/x.pdf', 'x.pdf', null, 0, null, null);
insert into shared_services.integrations (organization_id, provider, name, status, config, secret_id, created_by,
                                          last_synced_at) values
  ('0000000a-0000-0000-0000-000000000000', 'slack', 'Slack', 'active', '{"channel": "#general"}',
   '00000000-0000-0000-0000-0000000000aa', '000000a1-0000-0000-0000-000000000000', now()),
  ('0000000b-0000-0000-0000-000000000000', 'github', 'GitHub', default, default, null, null, null);
insert into shared_services.notifications (organization_id, user_id, source_app, channel, type, title, body,
                                           scheduled_at, sent_at) values
  ('0000000a-0000-0000-0000-000000000000', '000000a1-0000-0000-0000-000000000000', 'web', 'email', 'digest',
   'Your digest', 'Body', now(), now()),
  ('0000000b-0000-0000-0000-000000000000', '000000b1-0000-0000-0000-000000000000', 'admin', default, 'alert',
   'Alert', null, null, null);
