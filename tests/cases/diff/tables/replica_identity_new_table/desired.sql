create table rooms (id int primary key);
create table messages (id bigint primary key, body text);
alter table messages replica identity full;
