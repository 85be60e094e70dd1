SET check_function_bodies = false;

DROP VIEW public.v;

CREATE VIEW public.v AS
SELECT t.id,
    t.name
   FROM public.t;
