SET check_function_bodies = false;

CREATE FUNCTION public.f(a integer)
RETURNS integer
LANGUAGE sql
AS $$ select a + 1 $$;
