-- The covering index of open cases (0023) also holds the day of the last contact and of first engagement, so a KPI
-- count narrowed by "no contact for N days" or "never engaged" (and the pairs with them) is answered from the index
-- alone too, instead of reading every case row of the creditor. Same name, same predicate; drizzle-kit cannot express INCLUDE.
DROP INDEX IF EXISTS "cases_open_kpi_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_open_kpi_idx" ON "cases" USING btree ("creditor_id", "assignee_id")
  INCLUDE ("id", "state", "priority", "next_action_at", "mediation_deadline", "promise_broken_at", "arrears_at_open", "last_contact_at", "engaged_at")
  WHERE "state" NOT IN ('completed', 'escalated', 'closed');
