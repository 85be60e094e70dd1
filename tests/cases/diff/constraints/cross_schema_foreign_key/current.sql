create schema app;
create table public.users (id int primary key);
create table app.posts (id int primary key, user_id int);
