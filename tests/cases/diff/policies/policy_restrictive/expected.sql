SET check_function_bodies = false;

DROP POLICY own ON public.t;

CREATE POLICY own ON public.t
AS RESTRICTIVE
FOR ALL
TO PUBLIC
USING (true);
