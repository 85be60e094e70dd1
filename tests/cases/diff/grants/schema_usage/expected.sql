SET check_function_bodies = false;

GRANT USAGE ON SCHEMA app TO anon;
