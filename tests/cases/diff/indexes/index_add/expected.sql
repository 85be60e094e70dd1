SET check_function_bodies = false;

CREATE INDEX t_name_idx ON public.t (name);
