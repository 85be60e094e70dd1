SET check_function_bodies = false;

ALTER TABLE public.t ADD COLUMN age integer DEFAULT 0 NOT NULL;
