SET check_function_bodies = false;

COMMENT ON CONSTRAINT t_pkey ON public.t IS 'The key.';
