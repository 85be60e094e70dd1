SET check_function_bodies = false;

ALTER TABLE public.t DROP COLUMN age;
