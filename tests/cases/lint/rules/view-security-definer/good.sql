CREATE TABLE public.notes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id uuid NOT NULL,
  body text NOT NULL
);
CREATE INDEX notes_owner_idx ON public.notes (owner_id);
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Owners read" ON public.notes FOR SELECT TO authenticated
  USING (owner_id = (select auth.uid()));
CREATE VIEW public.note_titles WITH (security_invoker = true) AS
  SELECT id, left(body, 40) AS title FROM public.notes;
