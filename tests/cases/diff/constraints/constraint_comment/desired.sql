create table t (id int, constraint t_pkey primary key (id));
comment on constraint t_pkey on t is 'The key.';
