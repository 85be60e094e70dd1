SET check_function_bodies = false;

DROP SCHEMA app;
