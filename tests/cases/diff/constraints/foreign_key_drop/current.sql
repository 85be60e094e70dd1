create table p (id integer primary key);
create table c (id int primary key, p_id int references p(id));
