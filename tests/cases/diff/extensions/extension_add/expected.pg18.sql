SET check_function_bodies = false;

CREATE EXTENSION citext WITH SCHEMA extensions VERSION '1.8';

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';
