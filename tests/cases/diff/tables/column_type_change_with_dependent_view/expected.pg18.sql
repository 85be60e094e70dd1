SET check_function_bodies = false;

DROP VIEW public.v;

ALTER TABLE public.t ALTER COLUMN name TYPE character varying(100) USING name::character varying(100);

CREATE VIEW public.v AS
SELECT id,
    name
   FROM public.t;
