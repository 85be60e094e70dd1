SET check_function_bodies = false;

ALTER TABLE public.t ALTER COLUMN n DROP DEFAULT;

ALTER TABLE public.t ALTER COLUMN n TYPE bigint USING n::bigint;

ALTER TABLE public.t ALTER COLUMN n SET DEFAULT 2;
