SET check_function_bodies = false;

DROP INDEX public.t_name_idx;
