SET check_function_bodies = false;

DROP TABLE public.t;
