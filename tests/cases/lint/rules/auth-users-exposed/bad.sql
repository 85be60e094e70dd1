CREATE VIEW public.user_emails WITH (security_invoker = true) AS SELECT id, email FROM auth.users;
