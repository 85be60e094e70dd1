SET check_function_bodies = false;

COMMENT ON SCHEMA app IS 'Application objects';
