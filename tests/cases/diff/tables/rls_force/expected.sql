SET check_function_bodies = false;

ALTER TABLE public.t FORCE ROW LEVEL SECURITY;
