create table orders (id bigint primary key, ref text);
