SET check_function_bodies = false;

DROP POLICY own ON public.t;

CREATE POLICY own ON public.t
AS PERMISSIVE
FOR UPDATE
TO PUBLIC
USING (true);
