-- The covering index of open cases (0023, 0031) also holds the day the oldest unpaid installment fell due, the day the
-- case opened and its days past due then, so the days-past-due filters and sorts, and the opening days and bucket a
-- dashboard count links with, are read from the index alone too. Without them a count such as "M4+ with an agreement
-- signed" walked every open case of the creditor through their rows (58 ms of 83 at 100,000 cases,
-- `npm run bench -- --only queue-db`). Same name, same predicate; drizzle-kit cannot express INCLUDE.
DROP INDEX IF EXISTS "cases_open_kpi_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_open_kpi_idx" ON "cases" USING btree ("creditor_id", "assignee_id")
  INCLUDE ("id", "state", "priority", "next_action_at", "mediation_deadline", "promise_broken_at", "arrears_at_open", "last_contact_at", "engaged_at", "overdue_since", "opened_at", "dpd_at_open")
  WHERE "state" NOT IN ('completed', 'escalated', 'closed');
