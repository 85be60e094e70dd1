SET check_function_bodies = false;

REVOKE UPDATE (name) ON TABLE public.t FROM authenticated;

GRANT SELECT (name) ON TABLE public.t TO authenticated;
