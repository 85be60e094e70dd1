SET check_function_bodies = false;

ALTER TABLE public.t ALTER COLUMN b DROP EXPRESSION;
