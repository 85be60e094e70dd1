SET check_function_bodies = false;

GRANT SELECT, INSERT ON TABLE public.t TO authenticated;
