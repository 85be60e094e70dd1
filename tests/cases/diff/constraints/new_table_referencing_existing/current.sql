create table p (id integer primary key);
