-- concord_name_grams (0026), the expression of the GIN index borrowers_name_grams_idx, tested every gram for white
-- space with a regular expression: about 9 matches for a name of four characters, a third of the function's cost
-- (0.5 of 1.5 s of database CPU for the 100,000 borrowers of a portfolio import). A name with no white space at all
-- (almost every name) has no gram with any: it is tested once, whole, and its grams are taken as they are. The
-- result is unchanged for every name (lib/server/queue/name-grams.int.test.ts compares it with 0019's), so the
-- index stays valid.
CREATE OR REPLACE FUNCTION concord_name_grams(name text) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
  DECLARE
    s text := lower(name);
    n int := char_length(s);
    spaced boolean := s ~ '\s';
    grams text[] := '{}';
    g text;
  BEGIN
    FOR i IN 1 .. n LOOP
      g := substr(s, i, 1);
      IF NOT spaced OR g !~ '\s' THEN
        grams := grams || g;
      END IF;
      IF i < n THEN
        g := substr(s, i, 2);
        IF NOT spaced OR g !~ '\s' THEN
          grams := grams || g;
        END IF;
      END IF;
    END LOOP;
    RETURN ARRAY(SELECT DISTINCT x FROM unnest(grams) AS x ORDER BY x);
  END
  $$;
