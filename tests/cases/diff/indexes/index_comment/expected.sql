SET check_function_bodies = false;

COMMENT ON INDEX public.t_name_idx IS 'by name';
