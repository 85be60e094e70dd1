SET check_function_bodies = false;

CREATE FUNCTION public.f(a integer)
RETURNS integer
LANGUAGE sql
AS $$ select a + 1 $$;

REVOKE EXECUTE ON FUNCTION public.f(integer) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION public.f(integer) TO service_role;
