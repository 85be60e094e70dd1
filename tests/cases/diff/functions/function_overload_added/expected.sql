SET check_function_bodies = false;

CREATE FUNCTION public.f(a text)
RETURNS text
LANGUAGE sql
AS $$ select a $$;
