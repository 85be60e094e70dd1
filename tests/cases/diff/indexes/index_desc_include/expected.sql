SET check_function_bodies = false;

CREATE INDEX t_recent ON public.t (id, at DESC NULLS LAST) INCLUDE (name) WHERE ((at > '2020-01-01 00:00:00+00'::timestamp with time zone));
