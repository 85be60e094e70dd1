ALTER POLICY "Owners read" ON public.notes USING (owner_id = (select auth.uid()));
