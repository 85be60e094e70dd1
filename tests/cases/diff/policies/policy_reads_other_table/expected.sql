SET check_function_bodies = false;

CREATE POLICY members_only ON public.t
AS PERMISSIVE
FOR ALL
TO PUBLIC
USING ((owner IN ( SELECT members.name
   FROM public.members)));
