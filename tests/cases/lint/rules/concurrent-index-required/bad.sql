CREATE INDEX users_email_idx ON public.users (email);
