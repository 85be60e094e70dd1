CREATE TABLE public.notes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id uuid NOT NULL,
  body text NOT NULL
);
CREATE INDEX notes_owner_idx ON public.notes (owner_id);
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Owners read" ON public.notes FOR SELECT TO authenticated
  USING (owner_id = (select auth.uid()));
