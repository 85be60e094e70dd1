SET check_function_bodies = false;

COMMENT ON COLUMN public.t.name IS 'Display name';
