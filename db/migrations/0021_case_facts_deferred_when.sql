-- The case-facts row triggers on cases and payments (0010) skip themselves when a bulk writer has set
-- concord.defer_case_facts = 'on' (0017), but only inside the trigger function: PostgreSQL still queued an
-- after-trigger event and called the PL/pgSQL function once per row (about 100,000 cases and 130,000 payments
-- in a 100,000-row portfolio import). With the same test as the trigger's WHEN condition, no event is queued at
-- all for a deferred row. Outside a deferring transaction nothing changes: the functions still check too.
DROP TRIGGER case_facts_cases ON cases;
--> statement-breakpoint
CREATE TRIGGER case_facts_cases AFTER INSERT OR UPDATE OF creditor_id, assignee_id, dpd_at_open, opened_at, engaged_at, loan_id ON cases
  FOR EACH ROW WHEN (NOT case_facts_deferred()) EXECUTE FUNCTION case_facts_on_case();
--> statement-breakpoint
DROP TRIGGER case_facts_payments ON payments;
--> statement-breakpoint
CREATE TRIGGER case_facts_payments AFTER INSERT OR UPDATE OR DELETE ON payments
  FOR EACH ROW WHEN (NOT case_facts_deferred()) EXECUTE FUNCTION case_facts_on_payment();
