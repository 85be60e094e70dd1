SET check_function_bodies = false;

CREATE TABLE public.c (
    id integer NOT NULL,
    p_id integer NOT NULL,
    CONSTRAINT c_pkey PRIMARY KEY (id)
);

ALTER TABLE public.c ADD CONSTRAINT c_p_id_fkey FOREIGN KEY (p_id) REFERENCES public.p (id);
