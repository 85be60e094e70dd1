ALTER TABLE public.users ADD COLUMN joined_at timestamptz NOT NULL DEFAULT now();
