-- Two rows in every yearly table of every tenant, dated in the table's year.
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT table_schema, table_name, substring(table_name from '_(\d{4})$') AS year
           FROM information_schema.tables
           WHERE table_name LIKE 'foodlogstats\_%' AND table_type = 'BASE TABLE'
  LOOP
    EXECUTE format('INSERT INTO %I.%I (id, user_id, logged_on, calories, protein_g) VALUES '
                   '(1, 10, %L, 500, 12.5), (2, 20, %L, 700, 30)',
                   t.table_schema, t.table_name, t.year || '-03-01', t.year || '-09-30');
  END LOOP;
END $$;
