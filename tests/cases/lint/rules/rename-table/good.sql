CREATE VIEW public.members WITH (security_invoker = true) AS SELECT * FROM public.users;
