create table rooms (id int primary key);
