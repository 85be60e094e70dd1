ALTER TABLE public.users ADD COLUMN full_name text;
