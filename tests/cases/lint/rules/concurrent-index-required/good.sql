-- dfworx-db: no-transaction
CREATE INDEX CONCURRENTLY users_email_idx ON public.users (email);
