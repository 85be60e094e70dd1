create table t (id int, constraint t_pkey primary key (id));
