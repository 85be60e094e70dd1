create type mood as enum ('happy', 'sad');
create table t (m mood);
