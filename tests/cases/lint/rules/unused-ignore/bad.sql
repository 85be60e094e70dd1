-- dfworx-db: ignore drop-table
ALTER TABLE public.users ADD COLUMN bio text;
