-- An index key's collation is replaced (dropped and created again): the index must go
-- first and come back after.
CREATE COLLATION public.plain (provider = libc, locale = 'C');
CREATE TABLE public.words (id int PRIMARY KEY, word text);
CREATE INDEX words_word_plain ON public.words (word COLLATE public.plain);
