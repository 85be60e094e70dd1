ALTER TABLE public.posts ADD CONSTRAINT posts_user_fkey
  FOREIGN KEY (user_id) REFERENCES public.users (id);
