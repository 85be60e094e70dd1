SET check_function_bodies = false;

ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;
