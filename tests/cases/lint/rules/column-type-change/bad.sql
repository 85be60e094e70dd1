ALTER TABLE public.users ALTER COLUMN age TYPE bigint;
