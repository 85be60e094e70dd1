create table messages (id bigint primary key, body text);
