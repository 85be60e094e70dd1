SET check_function_bodies = false;

COMMENT ON TABLE public.t IS NULL;
