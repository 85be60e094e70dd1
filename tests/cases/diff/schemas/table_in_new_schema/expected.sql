SET check_function_bodies = false;

CREATE SCHEMA app;

CREATE TABLE app.items (
    id integer NOT NULL,
    CONSTRAINT items_pkey PRIMARY KEY (id)
);
