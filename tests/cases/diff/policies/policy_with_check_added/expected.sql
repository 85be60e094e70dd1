SET check_function_bodies = false;

ALTER POLICY own ON public.t
TO PUBLIC
USING ((owner = CURRENT_USER))
WITH CHECK ((owner = CURRENT_USER));
