SET check_function_bodies = false;

ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);
