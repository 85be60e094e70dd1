CREATE TABLE public.comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  note_id bigint NOT NULL REFERENCES public.notes (id)
);
CREATE INDEX comments_note_idx ON public.comments (note_id);
