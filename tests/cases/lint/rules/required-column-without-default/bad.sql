ALTER TABLE public.users ADD COLUMN plan text NOT NULL;
