DROP POLICY "Owners read" ON public.notes;
