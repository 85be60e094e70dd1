create type mood as enum ('happy', 'meh', 'sad', 'angry');
create table t (m mood);
