create table rooms (id int primary key);
create table circles (c circle, exclude using gist (c with &&));
