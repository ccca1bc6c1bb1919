-- Plan tracking (issue 17) keeps payments immutable and corrects them by reversal (payment_reversals), and refunds
-- excess (plan_refunds): the dashboard's "recovered" (case_facts_source, 0010) counts neither a reversed payment nor a
-- refund, and both keep case_facts current like a payment does.
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
    -- Received since the case opened: reversed payments (a bounced transfer, a correction) and refunded excess are not recovered.
    COALESCE((SELECT sum(p.amount) FROM payments p WHERE p.loan_id = c.loan_id AND p.received_on >= (c.opened_at AT TIME ZONE 'Asia/Shanghai')::date
                AND NOT EXISTS (SELECT 1 FROM payment_reversals r WHERE r.payment_id = p.id)), 0)
      - COALESCE((SELECT sum(f.amount) FROM plan_refunds f JOIN agreements a ON a.id = f.agreement_id WHERE a.case_id = c.id), 0),
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
CREATE OR REPLACE FUNCTION case_facts_on_payment_reversal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c uuid;
BEGIN
  FOR c IN SELECT cs.id FROM cases cs JOIN payments p ON p.loan_id = cs.loan_id WHERE p.id = NEW.payment_id LOOP
    PERFORM refresh_case_facts(c);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_facts_on_plan_refund() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_case_facts(a.case_id) FROM agreements a WHERE a.id = NEW.agreement_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER case_facts_payment_reversals AFTER INSERT ON payment_reversals
  FOR EACH ROW EXECUTE FUNCTION case_facts_on_payment_reversal();
--> statement-breakpoint
CREATE TRIGGER case_facts_plan_refunds AFTER INSERT ON plan_refunds
  FOR EACH ROW EXECUTE FUNCTION case_facts_on_plan_refund();
--> statement-breakpoint
SELECT refresh_all_case_facts();
