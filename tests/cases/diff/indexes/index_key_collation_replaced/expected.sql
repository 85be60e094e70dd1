SET check_function_bodies = false;

DROP INDEX public.words_word_plain;

DROP COLLATION public.plain;

CREATE COLLATION public.plain (provider = libc, locale = 'POSIX');

CREATE INDEX words_word_plain ON public.words (word COLLATE public.plain);
