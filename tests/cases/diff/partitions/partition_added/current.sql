create table m (id int, at date) partition by range (at);
