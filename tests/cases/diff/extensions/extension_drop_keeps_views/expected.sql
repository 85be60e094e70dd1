SET check_function_bodies = false;

DROP EXTENSION hstore;
