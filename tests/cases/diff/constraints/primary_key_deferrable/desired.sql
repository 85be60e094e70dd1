create table t (id int primary key deferrable initially deferred, n int);
