SET check_function_bodies = false;

ALTER TABLE public.t ALTER COLUMN name TYPE character varying(100) USING name::character varying(100);
