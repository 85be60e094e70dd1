SET check_function_bodies = false;

COMMENT ON COLUMN public.v.id IS 'the id';
