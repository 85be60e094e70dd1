SET check_function_bodies = false;

ALTER TABLE public.t ADD COLUMN email extensions.citext;
