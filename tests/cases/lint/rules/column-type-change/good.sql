ALTER TABLE public.users ALTER COLUMN name TYPE varchar(200);
