create table a (id int primary key, b_id int);
create table b (id int primary key, a_id int references a(id));
alter table a add foreign key (b_id) references b(id);
