CREATE TABLE public.page_views (path text NOT NULL, viewed_at timestamptz NOT NULL);
