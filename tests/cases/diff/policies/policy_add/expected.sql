SET check_function_bodies = false;

CREATE POLICY own ON public.t
AS PERMISSIVE
FOR SELECT
TO authenticated
USING ((owner = CURRENT_USER));
