create schema app;
comment on schema app is 'Application objects';
