SET check_function_bodies = false;

ALTER VIEW public.v SET (security_invoker = true, security_barrier = false);
