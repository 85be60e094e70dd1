SET check_function_bodies = false;

DROP VIEW public.v;

CREATE VIEW public.v AS
SELECT id,
    name
   FROM public.t;
