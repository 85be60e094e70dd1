SET check_function_bodies = false;

GRANT SELECT ON TABLE public.t TO authenticated WITH GRANT OPTION;
