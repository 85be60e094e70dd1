-- dfworx-db: ignore drop-column
ALTER TABLE public.users DROP COLUMN nickname;
