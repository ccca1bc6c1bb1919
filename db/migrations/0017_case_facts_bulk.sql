-- case_facts (0010) kept current in bulk loads, and in one case's refresh without a scan of every case.
-- refresh_case_facts(p_case) was one SQL statement with "case_id = p_case OR p_case IS NULL": planned once for
-- any p_case, it read the whole view for every single case, so each case insert cost a scan of all cases.
-- Now one case is read by its id, and many by refresh_case_facts_of(ids). A transaction that writes many cases
-- at once (the portfolio import) sets concord.defer_case_facts = 'on' (SET LOCAL): the row triggers skip, and
-- it calls refresh_case_facts_of with its cases before it commits. The view case_facts_source is main's (0014: reversed
-- payments and refunds are not recovered); the reversal and refund triggers (0014) skip under the same setting.
CREATE OR REPLACE FUNCTION refresh_case_facts_of(p_cases uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO case_facts (case_id, creditor_id, assignee_id, bucket, opened_at, engaged_at, hardship_at, offered_at, signed_at, breached_at, completed_at,
                          outcome, outcome_at, concluded_at, resolved_at, staff_contact, restructured, waived, recovered)
  SELECT case_id, creditor_id, assignee_id, bucket, opened_at, engaged_at, hardship_at, offered_at, signed_at, breached_at, completed_at,
         outcome, outcome_at, concluded_at, resolved_at, staff_contact, restructured, waived, recovered
  FROM case_facts_source WHERE case_id = ANY (p_cases)
  ON CONFLICT (case_id) DO UPDATE SET
    creditor_id = excluded.creditor_id, assignee_id = excluded.assignee_id, bucket = excluded.bucket, opened_at = excluded.opened_at,
    engaged_at = excluded.engaged_at, hardship_at = excluded.hardship_at, offered_at = excluded.offered_at, signed_at = excluded.signed_at,
    breached_at = excluded.breached_at, completed_at = excluded.completed_at, outcome = excluded.outcome, outcome_at = excluded.outcome_at,
    concluded_at = excluded.concluded_at, resolved_at = excluded.resolved_at, staff_contact = excluded.staff_contact,
    restructured = excluded.restructured, waived = excluded.waived, recovered = excluded.recovered;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refresh_case_facts(p_case uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_case IS NULL THEN
    PERFORM refresh_case_facts_of(ARRAY(SELECT id FROM cases));
  ELSE
    PERFORM refresh_case_facts_of(ARRAY[p_case]);
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_facts_deferred() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('concord.defer_case_facts', true), '') = 'on'
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_facts_on_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT case_facts_deferred() THEN
    PERFORM refresh_case_facts(NEW.id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_facts_on_case_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF case_facts_deferred() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM refresh_case_facts(OLD.case_id);
  ELSE
    PERFORM refresh_case_facts(NEW.case_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_facts_on_payment() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c uuid;
BEGIN
  IF case_facts_deferred() THEN
    RETURN NULL;
  END IF;
  FOR c IN SELECT id FROM cases WHERE loan_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.loan_id ELSE NEW.loan_id END LOOP
    PERFORM refresh_case_facts(c);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_facts_on_payment_reversal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c uuid;
BEGIN
  IF case_facts_deferred() THEN
    RETURN NULL;
  END IF;
  FOR c IN SELECT cs.id FROM cases cs JOIN payments p ON p.loan_id = cs.loan_id WHERE p.id = NEW.payment_id LOOP
    PERFORM refresh_case_facts(c);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_facts_on_plan_refund() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF case_facts_deferred() THEN
    RETURN NULL;
  END IF;
  PERFORM refresh_case_facts(a.case_id) FROM agreements a WHERE a.id = NEW.agreement_id;
  RETURN NULL;
END $$;
