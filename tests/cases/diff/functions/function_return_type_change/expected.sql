SET check_function_bodies = false;

DROP FUNCTION public.f(integer);

CREATE FUNCTION public.f(a integer)
RETURNS bigint
LANGUAGE sql
AS $$ select a + 1 $$;
