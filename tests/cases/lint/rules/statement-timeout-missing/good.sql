SET lock_timeout = '4s';
SET statement_timeout = '60s';
ALTER TABLE public.users ADD COLUMN bio text;
