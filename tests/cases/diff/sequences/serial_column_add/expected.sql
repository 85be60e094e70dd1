SET check_function_bodies = false;

CREATE SEQUENCE public.t_n_seq AS integer MINVALUE 1 MAXVALUE 2147483647 START WITH 1;

ALTER TABLE public.t ADD COLUMN n integer DEFAULT nextval('public.t_n_seq'::regclass) NOT NULL;

ALTER SEQUENCE public.t_n_seq OWNED BY public.t.n;
