SET check_function_bodies = false;

ALTER TABLE public.t DROP COLUMN b;

ALTER TABLE public.t ADD COLUMN b integer GENERATED ALWAYS AS ((a * 3)) STORED;
