create table t (a int not null, b int not null, constraint t_pkey primary key (a));
