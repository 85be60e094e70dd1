create sequence s;
grant usage on sequence s to authenticated;
