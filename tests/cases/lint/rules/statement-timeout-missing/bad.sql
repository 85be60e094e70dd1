SET lock_timeout = '4s';
ALTER TABLE public.users ADD COLUMN bio text;
