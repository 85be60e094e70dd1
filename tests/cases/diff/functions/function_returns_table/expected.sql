SET check_function_bodies = false;

CREATE FUNCTION public.posts(n integer DEFAULT 10)
RETURNS TABLE (id integer, title text)
LANGUAGE sql
STABLE
AS $$ select 1, 'x'::text limit n $$;
