SET check_function_bodies = false;

CREATE SCHEMA app;
