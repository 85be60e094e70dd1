SET check_function_bodies = false;

ALTER TABLE public.t DISABLE ROW LEVEL SECURITY;
