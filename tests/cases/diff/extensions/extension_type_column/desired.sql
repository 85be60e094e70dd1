create extension citext with schema extensions;
create table t (id int, email extensions.citext);
