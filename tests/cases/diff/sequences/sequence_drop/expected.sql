SET check_function_bodies = false;

DROP SEQUENCE public.s;
