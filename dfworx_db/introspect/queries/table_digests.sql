-- One row per table of tables.sql (same filter): what the table and the objects it owns
-- (columns, defaults, constraints, indexes, policies, triggers, privileges, comments) are
-- made of, as catalog text, for `diff` to tell which tables two databases hold alike
-- before reading any in full (introspect/narrowed.py). Nothing here opens a table:
-- deparsing an expression against its table (pg_get_expr(x, relid)) builds the table's
-- relcache entry, which is most of what a full read costs.
--
-- Stored expressions are compared as their node trees, less the positions Python strips
-- (` :location N`), as long as pg_depend says they reference nothing but their own table
-- and objects built into Postgres (pinned ones are never recorded): such a tree holds no
-- OID that could name different objects in two databases. An expression that references
-- anything else (a function, a sequence, another table, a type of the user) is
-- deparsed, so that it reads the same in both databases whatever their OIDs. Defaults
-- cannot read columns, so they are deparsed without their table, which is cheap.
-- Roles, collations, opclasses of the user, referenced tables and trigger functions are
-- named, never given as OIDs. Anything the Catalog does not model may be here too: it
-- can only make a table read in full for nothing, never hide a difference.
WITH tab AS MATERIALIZED (
    SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity,
           c.relreplident, c.relispartition, c.relpartbound, c.reloptions, c.relacl, c.relowner, c.relam,
           c.reloftype
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p')
      AND n.nspname = ANY(%(schemas)s::text[])
      AND NOT EXISTS (SELECT FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                        AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
), columns AS (
    SELECT a.attrelid AS oid,
           string_agg(ROW(a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity,
                          a.attgenerated, a.attislocal, a.attinhcount, coll_ns.nspname, coll.collname, a.attacl,
                          CASE WHEN ad.oid IS NULL THEN NULL
                               WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, 0)
                               WHEN NOT EXISTS (SELECT FROM pg_depend d
                                                WHERE d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid
                                                  AND NOT (d.refclassid = 'pg_class'::regclass
                                                           AND d.refobjid = ad.adrelid))
                               THEN ad.adbin::text
                               ELSE pg_get_expr(ad.adbin, ad.adrelid) END)::text, E'\n' ORDER BY a.attnum) AS body,
           array_agg(row_type.name) FILTER (WHERE row_type.name IS NOT NULL) AS row_types
    FROM tab
    JOIN pg_attribute a ON a.attrelid = tab.oid AND a.attnum > 0 AND NOT a.attisdropped
    -- the table whose row type (or an array of it) the column has, looked up for types of
    -- the user only: a probe that creates this table needs it
    LEFT JOIN LATERAL (
        SELECT ARRAY[rn.nspname, r.relname]::text[] AS name
        FROM pg_type ty
        LEFT JOIN pg_type elem ON elem.oid = ty.typelem AND ty.typcategory = 'A'
        JOIN pg_class r ON r.oid = coalesce(nullif(ty.typrelid, 0), elem.typrelid) AND r.relkind IN ('r', 'p')
        JOIN pg_namespace rn ON rn.oid = r.relnamespace
        WHERE ty.oid = a.atttypid AND a.atttypid >= 16384) row_type ON true
    LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
    LEFT JOIN pg_namespace coll_ns ON coll_ns.oid = coll.collnamespace
    GROUP BY a.attrelid
), constraints AS (
    SELECT con.conrelid AS oid,
           string_agg(ROW(con.conname, con.contype, con.condeferrable, con.condeferred, con.convalidated, con.conkey,
                          -- a foreign key's referenced columns by name: the referenced table may
                          -- differ while this one does not
                          fn.nspname, f.relname,
                          CASE WHEN con.contype = 'f' THEN
                            array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                                  ORDER BY k.ord) END,
                          con.confupdtype, con.confdeltype, con.confmatchtype,
                          con.connoinherit, con.conislocal, con.coninhcount, con.conparentid <> 0, descr.description,
                          CASE WHEN con.contype = 'x'
                                 OR con.conbin IS NOT NULL
                                    AND EXISTS (SELECT FROM pg_depend d
                                                WHERE d.classid = 'pg_constraint'::regclass AND d.objid = con.oid
                                                  AND NOT (d.refclassid = 'pg_class'::regclass
                                                           AND d.refobjid = con.conrelid))
                               THEN pg_get_constraintdef(con.oid)
                               ELSE con.conbin::text END)::text, E'\n' ORDER BY con.conname) AS body
    FROM tab
    JOIN pg_constraint con ON con.conrelid = tab.oid
    LEFT JOIN pg_class f ON f.oid = con.confrelid
    LEFT JOIN pg_namespace fn ON fn.oid = f.relnamespace
    LEFT JOIN pg_description descr
           ON descr.objoid = con.oid AND descr.classoid = 'pg_constraint'::regclass AND descr.objsubid = 0
    GROUP BY con.conrelid
), indexes AS (
    SELECT x.indrelid AS oid,
           string_agg(ROW(ic.relname, ic.relam, ic.reloptions, ic.relispartition, x.indisunique, x.indisprimary,
                          x.indisexclusion, x.indimmediate, x.indisreplident, x.indnullsnotdistinct, x.indnkeyatts,
                          x.indkey, x.indclass, x.indcollation, x.indoption, descr.description,
                          -- opclass options: no opclass of btree (403) built into Postgres has any,
                          -- and one of the user's is named by pg_get_indexdef below
                          CASE WHEN ic.relam <> 403 THEN
                            (SELECT array_agg(ia.attoptions ORDER BY ia.attnum) FROM pg_attribute ia
                             WHERE ia.attrelid = x.indexrelid AND ia.attoptions IS NOT NULL) END,
                          CASE WHEN EXISTS (SELECT FROM pg_depend d
                                            WHERE d.classid = 'pg_class'::regclass AND d.objid = x.indexrelid
                                              AND NOT (d.refclassid = 'pg_class'::regclass
                                                       AND d.refobjid = x.indrelid)
                                              AND NOT (d.refclassid = 'pg_constraint'::regclass
                                                       AND d.deptype = 'i'))
                               THEN pg_get_indexdef(x.indexrelid)
                               ELSE ROW(x.indexprs, x.indpred)::text END)::text, E'\n' ORDER BY ic.relname) AS body
    FROM tab
    JOIN pg_index x ON x.indrelid = tab.oid
    JOIN pg_class ic ON ic.oid = x.indexrelid
    LEFT JOIN pg_description descr
           ON descr.objoid = x.indexrelid AND descr.classoid = 'pg_class'::regclass AND descr.objsubid = 0
    GROUP BY x.indrelid
), policies AS (
    SELECT p.polrelid AS oid,
           string_agg(ROW(p.polname, p.polcmd, p.polpermissive, p.polroles::regrole[], descr.description,
                          CASE WHEN EXISTS (SELECT FROM pg_depend d
                                            WHERE d.classid = 'pg_policy'::regclass AND d.objid = p.oid
                                              AND NOT (d.refclassid = 'pg_class'::regclass
                                                       AND d.refobjid = p.polrelid))
                               THEN ROW(pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
                               ELSE ROW(p.polqual::text, p.polwithcheck::text) END)::text,
                      E'\n' ORDER BY p.polname) AS body
    FROM tab
    JOIN pg_policy p ON p.polrelid = tab.oid
    LEFT JOIN pg_description descr
           ON descr.objoid = p.oid AND descr.classoid = 'pg_policy'::regclass AND descr.objsubid = 0
    GROUP BY p.polrelid
), triggers AS (
    SELECT t.tgrelid AS oid,
           string_agg(ROW(t.tgname, t.tgfoid::regprocedure, t.tgtype, t.tgenabled, t.tgargs, t.tgattr,
                          t.tgconstraint <> 0, t.tgdeferrable, t.tginitdeferred, t.tgoldtable, t.tgnewtable,
                          t.tgparentid <> 0, descr.description,
                          CASE WHEN t.tgqual IS NULL THEN NULL
                               WHEN EXISTS (SELECT FROM pg_depend d
                                            WHERE d.classid = 'pg_trigger'::regclass AND d.objid = t.oid
                                              AND NOT (d.refclassid = 'pg_class'::regclass AND d.refobjid = t.tgrelid)
                                              AND NOT (d.refclassid = 'pg_proc'::regclass AND d.refobjid = t.tgfoid))
                               THEN pg_get_triggerdef(t.oid)
                               ELSE t.tgqual::text END)::text, E'\n' ORDER BY t.tgname) AS body
    FROM tab
    JOIN pg_trigger t ON t.tgrelid = tab.oid AND NOT t.tgisinternal
    LEFT JOIN pg_description descr
           ON descr.objoid = t.oid AND descr.classoid = 'pg_trigger'::regclass AND descr.objsubid = 0
    GROUP BY t.tgrelid
), comments AS (
    SELECT descr.objoid AS oid, string_agg(ROW(descr.objsubid, descr.description)::text, E'\n'
                                           ORDER BY descr.objsubid) AS body
    FROM tab
    JOIN pg_description descr ON descr.objoid = tab.oid AND descr.classoid = 'pg_class'::regclass
    GROUP BY descr.objoid
)
SELECT tab.oid,
       tab.nspname AS schema,
       tab.relname AS name,
       ROW(tab.relpersistence, tab.relrowsecurity, tab.relforcerowsecurity, tab.relreplident,
           pg_get_userbyid(tab.relowner), tab.relacl, tab.reloptions, tab.relam, tab.reloftype::regtype)::text
           AS relation,
       -- what the table is partitioned by and its partition bound: a change of either
       -- rebuilds the table (with the parents, below)
       ROW(tab.relkind, tab.relispartition,
           CASE WHEN tab.relispartition THEN pg_get_expr(tab.relpartbound, tab.oid) END,
           CASE WHEN tab.relkind = 'p' THEN pg_get_partkeydef(tab.oid) END)::text AS shape,
       -- Parents in declaration order: the partitioned parent, or the INHERITS list.
       coalesce((SELECT array_agg(ARRAY[pn.nspname, p.relname]::text[] ORDER BY i.inhseqno)
                 FROM pg_inherits i
                 JOIN pg_class p ON p.oid = i.inhparent
                 JOIN pg_namespace pn ON pn.oid = p.relnamespace
                 WHERE i.inhrelid = tab.oid), '{}') AS parents,
       coalesce(columns.row_types, '{}') AS row_types,
       columns.body AS columns,
       constraints.body AS constraints,
       indexes.body AS indexes,
       policies.body AS policies,
       triggers.body AS triggers,
       comments.body AS comments
FROM tab
LEFT JOIN columns ON columns.oid = tab.oid
LEFT JOIN constraints ON constraints.oid = tab.oid
LEFT JOIN indexes ON indexes.oid = tab.oid
LEFT JOIN policies ON policies.oid = tab.oid
LEFT JOIN triggers ON triggers.oid = tab.oid
LEFT JOIN comments ON comments.oid = tab.oid
