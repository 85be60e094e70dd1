SET check_function_bodies = false;

DROP VIEW public.v;
