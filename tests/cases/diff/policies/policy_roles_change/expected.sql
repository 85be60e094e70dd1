SET check_function_bodies = false;

ALTER POLICY own ON public.t
TO anon, authenticated
USING ((owner = CURRENT_USER));
