create table t (id int, tags text[]);
