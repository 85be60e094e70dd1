create table t (id int, at timestamptz, name text);
