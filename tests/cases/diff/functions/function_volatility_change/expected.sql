SET check_function_bodies = false;

CREATE OR REPLACE FUNCTION public.f(a integer)
RETURNS integer
LANGUAGE sql
IMMUTABLE
AS $$ select a + 1 $$;
