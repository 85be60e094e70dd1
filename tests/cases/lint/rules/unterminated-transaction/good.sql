-- dfworx-db: no-transaction
BEGIN;
CREATE TABLE public.tags (id bigint PRIMARY KEY, name text NOT NULL);
COMMIT;
