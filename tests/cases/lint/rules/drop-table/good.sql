-- the table is no longer used by any release; kept for now
COMMENT ON TABLE public.legacy_events IS 'unused, to be dropped';
