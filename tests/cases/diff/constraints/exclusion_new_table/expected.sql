SET check_function_bodies = false;

CREATE TABLE public.circles (
    c circle,
    CONSTRAINT circles_c_excl EXCLUDE USING gist (c WITH &&)
);
