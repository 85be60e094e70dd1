SET check_function_bodies = false;

DROP VIEW public.v2;

DROP VIEW public.v1;

CREATE VIEW public.v1 AS
SELECT id,
    upper(name) AS name
   FROM public.t;

CREATE VIEW public.v2 AS
SELECT name
   FROM public.v1;
