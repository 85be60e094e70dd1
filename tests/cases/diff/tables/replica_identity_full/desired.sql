create table messages (id bigint primary key, body text);
alter table messages replica identity full;
