ALTER TABLE public.posts ADD CONSTRAINT posts_title_check CHECK (char_length(title) > 0) NOT VALID;
ALTER TABLE public.posts VALIDATE CONSTRAINT posts_title_check;
