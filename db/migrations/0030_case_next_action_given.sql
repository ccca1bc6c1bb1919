-- The queue's next action of a case is computed by a BEFORE trigger (concord_case_next_action, 0019), about 25 µs a
-- row. A bulk writer that opens many new cases whose next action it knows (the portfolio import: a fresh 'invited'
-- case with no facts is 'first_contact' at its opening, priority 1) may set concord.case_next_action_given = 'on'
-- for its INSERT and write the four columns itself; the insert trigger is then not called at all (its WHEN). An
-- UPDATE always recomputes. The import's test checks that what it wrote is what the trigger computes.
CREATE OR REPLACE FUNCTION case_next_action_given() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('concord.case_next_action_given', true), '') = 'on'
$$;
--> statement-breakpoint
DROP TRIGGER cases_next_action ON cases;
--> statement-breakpoint
CREATE TRIGGER cases_next_action BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION concord_case_next_action();
--> statement-breakpoint
CREATE TRIGGER cases_next_action_insert BEFORE INSERT ON cases FOR EACH ROW WHEN (NOT case_next_action_given()) EXECUTE FUNCTION concord_case_next_action();
