COMMENT ON DATABASE analytics IS 'to be dropped by hand';
