-- The dashboard's pre-aggregate (ADR 0012): case_facts holds one row of facts per case, computed by
-- one definition (the view case_facts_source) and kept current by triggers on every table a fact
-- comes from, whoever writes to it. Bulk loads that switch triggers off (the generator) call
-- refresh_all_case_facts() once at the end.
CREATE OR REPLACE VIEW case_facts_source AS
SELECT
  c.id AS case_id,
  c.creditor_id,
  c.assignee_id,
  CASE WHEN c.dpd_at_open <= 0 THEN 0 WHEN c.dpd_at_open <= 30 THEN 1 WHEN c.dpd_at_open <= 60 THEN 2 WHEN c.dpd_at_open <= 90 THEN 3 ELSE 4 END AS bucket,
  c.opened_at,
  c.engaged_at,
  (SELECT min(h.submitted_at) FROM hardship_statements h WHERE h.case_id = c.id AND h.submitted_at IS NOT NULL) AS hardship_at,
  -- An offer the borrower was shown: not one still waiting for (or refused by) a supervisor.
  (SELECT min(o.created_at) FROM offers o WHERE o.case_id = c.id AND o.status <> 'pending_approval' AND (NOT o.requires_approval OR o.approved_at IS NOT NULL)) AS offered_at,
  ag.signed_at,
  ag.breached_at,
  ag.completed_at,
  oc.outcome,
  oc.recorded_at AS outcome_at,
  LEAST(ag.signed_at, oc.recorded_at) AS concluded_at,
  LEAST(ag.signed_at, CASE WHEN oc.outcome IN ('agreement_signed', 'paid_in_full', 'partial_settlement') THEN oc.recorded_at END) AS resolved_at,
  (EXISTS (SELECT 1 FROM contact_records r WHERE r.case_id = c.id AND r.staff_id IS NOT NULL AND r.outcome <> 'blocked')
    OR EXISTS (SELECT 1 FROM negotiation_messages m WHERE m.case_id = c.id AND m.author_type = 'staff')
    OR EXISTS (SELECT 1 FROM offers o WHERE o.case_id = c.id AND o.author_type = 'staff')) AS staff_contact,
  COALESCE(ag.restructured, 0)::bigint AS restructured,
  (COALESCE(ag.waived, 0) + CASE WHEN oc.outcome = 'partial_settlement' THEN COALESCE(oc.amount_waived, 0) ELSE 0 END)::bigint AS waived,
  GREATEST(
    COALESCE((SELECT sum(p.amount) FROM payments p WHERE p.loan_id = c.loan_id AND p.received_on >= (c.opened_at AT TIME ZONE 'Asia/Shanghai')::date), 0),
    COALESCE(oc.amount_recovered, 0)
  )::bigint AS recovered
FROM cases c
LEFT JOIN LATERAL (
  -- Signed: the first executed agreement; amounts: the latest (a correction supersedes an agreement).
  SELECT min(a.executed_at) AS signed_at,
         min(a.plan_breached_at) AS breached_at,
         max(a.plan_completed_at) AS completed_at,
         (array_agg(o.total_payable ORDER BY a.executed_at DESC))[1] AS restructured,
         (array_agg(o.waived_amount ORDER BY a.executed_at DESC))[1] AS waived
  FROM agreements a JOIN offers o ON o.id = a.offer_id
  WHERE a.case_id = c.id AND a.executed_at IS NOT NULL
) ag ON true
LEFT JOIN LATERAL (
  SELECT x.outcome, x.recorded_at, x.amount_waived, x.amount_recovered FROM case_outcomes x WHERE x.case_id = c.id AND x.superseded_at IS NULL
) oc ON true;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refresh_case_facts(p_case uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO case_facts (case_id, creditor_id, assignee_id, bucket, opened_at, engaged_at, hardship_at, offered_at, signed_at, breached_at, completed_at,
                          outcome, outcome_at, concluded_at, resolved_at, staff_contact, restructured, waived, recovered)
  SELECT case_id, creditor_id, assignee_id, bucket, opened_at, engaged_at, hardship_at, offered_at, signed_at, breached_at, completed_at,
         outcome, outcome_at, concluded_at, resolved_at, staff_contact, restructured, waived, recovered
  FROM case_facts_source WHERE case_id = p_case OR p_case IS NULL
  ON CONFLICT (case_id) DO UPDATE SET
    creditor_id = excluded.creditor_id, assignee_id = excluded.assignee_id, bucket = excluded.bucket, opened_at = excluded.opened_at,
    engaged_at = excluded.engaged_at, hardship_at = excluded.hardship_at, offered_at = excluded.offered_at, signed_at = excluded.signed_at,
    breached_at = excluded.breached_at, completed_at = excluded.completed_at, outcome = excluded.outcome, outcome_at = excluded.outcome_at,
    concluded_at = excluded.concluded_at, resolved_at = excluded.resolved_at, staff_contact = excluded.staff_contact,
    restructured = excluded.restructured, waived = excluded.waived, recovered = excluded.recovered;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refresh_all_case_facts() RETURNS void LANGUAGE sql AS $$ SELECT refresh_case_facts(NULL) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_facts_on_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_case_facts(NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_facts_on_case_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
  FOR c IN SELECT id FROM cases WHERE loan_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.loan_id ELSE NEW.loan_id END LOOP
    PERFORM refresh_case_facts(c);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER case_facts_cases AFTER INSERT OR UPDATE OF creditor_id, assignee_id, dpd_at_open, opened_at, engaged_at, loan_id ON cases
  FOR EACH ROW EXECUTE FUNCTION case_facts_on_case();
--> statement-breakpoint
CREATE TRIGGER case_facts_hardship AFTER INSERT OR UPDATE OF status, submitted_at OR DELETE ON hardship_statements
  FOR EACH ROW EXECUTE FUNCTION case_facts_on_case_row();
--> statement-breakpoint
CREATE TRIGGER case_facts_offers AFTER INSERT OR UPDATE OF status, approved_at OR DELETE ON offers
  FOR EACH ROW EXECUTE FUNCTION case_facts_on_case_row();
--> statement-breakpoint
CREATE TRIGGER case_facts_agreements AFTER INSERT OR UPDATE OF status, executed_at, plan_breached_at, plan_completed_at OR DELETE ON agreements
  FOR EACH ROW EXECUTE FUNCTION case_facts_on_case_row();
--> statement-breakpoint
CREATE TRIGGER case_facts_contacts AFTER INSERT ON contact_records
  FOR EACH ROW WHEN (NEW.staff_id IS NOT NULL) EXECUTE FUNCTION case_facts_on_case_row();
--> statement-breakpoint
CREATE TRIGGER case_facts_messages AFTER INSERT ON negotiation_messages
  FOR EACH ROW WHEN (NEW.author_type = 'staff') EXECUTE FUNCTION case_facts_on_case_row();
--> statement-breakpoint
CREATE TRIGGER case_facts_outcomes AFTER INSERT OR UPDATE OR DELETE ON case_outcomes
  FOR EACH ROW EXECUTE FUNCTION case_facts_on_case_row();
--> statement-breakpoint
CREATE TRIGGER case_facts_payments AFTER INSERT OR UPDATE OR DELETE ON payments
  FOR EACH ROW EXECUTE FUNCTION case_facts_on_payment();
--> statement-breakpoint
-- Cases already there.
SELECT refresh_all_case_facts();
