SET check_function_bodies = false;

ALTER TABLE public.t ALTER COLUMN name TYPE text COLLATE pg_catalog."C" USING name::text;
