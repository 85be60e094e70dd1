SET check_function_bodies = false;

DROP POLICY p ON public.t;

DROP FUNCTION public.is_owner(text);

CREATE FUNCTION public.is_owner(o text, strict_mode boolean DEFAULT TRUE)
RETURNS boolean
LANGUAGE sql
STABLE
AS $$ select o = current_user $$;

CREATE OR REPLACE FUNCTION public.touch()
RETURNS trigger
LANGUAGE plpgsql
AS $$ begin new.at := clock_timestamp(); return new; end $$;

CREATE POLICY p ON public.t
AS PERMISSIVE
FOR ALL
TO PUBLIC
USING (public.is_owner(owner));
