-- users_email_not_null was added NOT VALID by an earlier migration
ALTER TABLE public.users VALIDATE CONSTRAINT users_email_not_null;
ALTER TABLE public.users ALTER COLUMN email SET NOT NULL;
ALTER TABLE public.users DROP CONSTRAINT users_email_not_null;
