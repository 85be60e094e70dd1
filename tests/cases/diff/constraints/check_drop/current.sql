create table t (id int, n int, constraint t_n_check check (n > 0));
