SET check_function_bodies = false;

REVOKE INSERT ON TABLE public.t FROM authenticated;
