SET check_function_bodies = false;

CREATE VIEW public.v AS
SELECT id
   FROM public.t;
