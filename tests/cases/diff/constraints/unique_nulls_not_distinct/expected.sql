SET check_function_bodies = false;

ALTER TABLE public.t DROP CONSTRAINT t_name_key;

ALTER TABLE public.t ADD CONSTRAINT t_name_key UNIQUE NULLS NOT DISTINCT (name);
