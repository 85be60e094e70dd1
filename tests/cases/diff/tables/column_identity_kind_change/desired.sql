create table t (id integer generated always as identity primary key);
