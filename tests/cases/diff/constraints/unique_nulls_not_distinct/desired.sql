create table t (id int, name text, constraint t_name_key unique nulls not distinct (name));
