COMMENT ON COLUMN public.users.nickname IS 'deprecated: no longer written';
