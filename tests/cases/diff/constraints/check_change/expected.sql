SET check_function_bodies = false;

ALTER TABLE public.t DROP CONSTRAINT t_n_check;

ALTER TABLE public.t ADD CONSTRAINT t_n_check CHECK ((n >= 0));
