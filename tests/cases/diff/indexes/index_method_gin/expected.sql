SET check_function_bodies = false;

CREATE INDEX t_tags ON public.t USING gin (tags);
