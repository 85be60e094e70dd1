CREATE TABLE public.notes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id uuid NOT NULL,
  body text NOT NULL
);
CREATE INDEX notes_owner_idx ON public.notes (owner_id);
