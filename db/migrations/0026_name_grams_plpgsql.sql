-- concord_name_grams (0019), the expression of the GIN index borrowers_name_grams_idx, was a SQL function with a
-- subquery (generate_series, UNION ALL, array_agg): PostgreSQL cannot inline it, so every borrower written started
-- an executor for it, about 45 µs, which made it most of the cost of writing a borrower (4.3 of 6.9 s of database
-- CPU for the 100,000 borrowers of a portfolio import). The same grams in PL/pgSQL: the characters and the pairs of
-- characters of the lower-cased name, none with white space, distinct and sorted, '{}' for an empty name; the
-- function's result is unchanged for every name (lib/server/queue/name-grams.int.test.ts compares it with 0019's),
-- so the index built with the old one stays valid.
CREATE OR REPLACE FUNCTION concord_name_grams(name text) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
  DECLARE
    s text := lower(name);
    n int := char_length(s);
    grams text[] := '{}';
    g text;
  BEGIN
    FOR i IN 1 .. n LOOP
      g := substr(s, i, 1);
      IF g !~ '\s' THEN
        grams := grams || g;
      END IF;
      IF i < n THEN
        g := substr(s, i, 2);
        IF g !~ '\s' THEN
          grams := grams || g;
        END IF;
      END IF;
    END LOOP;
    RETURN ARRAY(SELECT DISTINCT x FROM unnest(grams) AS x ORDER BY x);
  END
  $$;
