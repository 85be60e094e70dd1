COMMENT ON SCHEMA legacy IS 'deprecated';
