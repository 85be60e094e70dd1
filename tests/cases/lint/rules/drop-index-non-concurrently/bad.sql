DROP INDEX public.users_email_idx;
