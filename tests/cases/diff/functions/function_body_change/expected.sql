SET check_function_bodies = false;

CREATE OR REPLACE FUNCTION public.f(a integer)
RETURNS integer
LANGUAGE sql
AS $$ select a + 2 $$;
