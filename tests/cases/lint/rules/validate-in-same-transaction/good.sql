-- a later migration than the one that added it NOT VALID
ALTER TABLE public.posts VALIDATE CONSTRAINT posts_title_check;
