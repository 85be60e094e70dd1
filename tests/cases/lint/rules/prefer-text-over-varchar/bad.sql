CREATE TABLE public.tags (id bigint PRIMARY KEY, name varchar(50) NOT NULL);
