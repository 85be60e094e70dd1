SET check_function_bodies = false;

ALTER TABLE public.t DROP CONSTRAINT t_name_key;
