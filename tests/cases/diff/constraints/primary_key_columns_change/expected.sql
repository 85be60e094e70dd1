SET check_function_bodies = false;

ALTER TABLE public.t DROP CONSTRAINT t_pkey;

ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY (a, b);
