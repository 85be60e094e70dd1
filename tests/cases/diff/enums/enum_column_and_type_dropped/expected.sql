SET check_function_bodies = false;

ALTER TABLE public.t DROP COLUMN m;

DROP TYPE public.mood;
