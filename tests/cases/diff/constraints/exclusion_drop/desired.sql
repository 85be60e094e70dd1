create table bookings (id int primary key, during tstzrange not null, cancelled boolean not null default false);
