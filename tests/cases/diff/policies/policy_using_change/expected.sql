SET check_function_bodies = false;

ALTER POLICY own ON public.t
TO PUBLIC
USING ((owner = SESSION_USER));
