SET check_function_bodies = false;

DROP VIEW public.v;

DROP FUNCTION public.numbers();

CREATE FUNCTION public.numbers()
RETURNS SETOF bigint
LANGUAGE sql
AS $$ select generate_series(1, 3)::bigint $$;

CREATE VIEW public.v AS
SELECT n
   FROM public.numbers() n(n);
