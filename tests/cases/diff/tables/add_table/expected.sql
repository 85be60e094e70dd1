SET check_function_bodies = false;

CREATE TABLE public.t (
    id integer NOT NULL,
    name text,
    CONSTRAINT t_pkey PRIMARY KEY (id)
);
