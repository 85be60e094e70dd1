create table c (id int primary key, p_id int);
