SET check_function_bodies = false;

CREATE OR REPLACE FUNCTION public.f(a integer)
RETURNS integer
LANGUAGE sql
SECURITY DEFINER
SET search_path = ''
AS $$ select a + 1 $$;
