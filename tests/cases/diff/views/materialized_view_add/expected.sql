SET check_function_bodies = false;

CREATE MATERIALIZED VIEW public.mv AS
SELECT count(*) AS n
   FROM public.t;

CREATE INDEX mv_n ON public.mv (n);
