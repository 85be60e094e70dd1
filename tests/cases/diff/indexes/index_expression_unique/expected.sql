SET check_function_bodies = false;

CREATE UNIQUE INDEX t_lower_name ON public.t ((lower(name)));
