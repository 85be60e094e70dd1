SET check_function_bodies = false;

CREATE VIEW public.v AS
SELECT t.id
   FROM public.t;
