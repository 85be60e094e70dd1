SET check_function_bodies = false;

GRANT USAGE ON SEQUENCE public.s TO authenticated;
