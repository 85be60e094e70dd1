SET check_function_bodies = false;

DROP POLICY own ON public.t;
