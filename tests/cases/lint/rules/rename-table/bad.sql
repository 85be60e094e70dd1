ALTER TABLE public.users RENAME TO members;
