SET check_function_bodies = false;

ALTER TABLE public.t ALTER COLUMN id SET GENERATED ALWAYS;
