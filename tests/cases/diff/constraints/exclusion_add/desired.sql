create table bookings (
    id int primary key,
    during tstzrange not null,
    cancelled boolean not null default false,
    constraint bookings_no_overlap exclude using gist (during with &&) where (not cancelled)
);
comment on constraint bookings_no_overlap on bookings is 'One live booking at a time.';
