SET check_function_bodies = false;

DROP INDEX public.t_name_idx;

CREATE INDEX t_name_idx ON public.t (name) WHERE ((name <> ''::text));
