COMMENT ON TYPE public.mood IS 'deprecated';
