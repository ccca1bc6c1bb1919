-- The queue's KPI cards and each mediator's load count the open cases of a creditor (and of each assignee). This
-- index holds every column those counts read, for open cases only, so they are answered from the index alone
-- (an index-only scan) instead of reading every case row of the portfolio; with the id, a count narrowed by the
-- dashboard's facts (reached, outcome) joins them from the index too. drizzle-kit cannot express INCLUDE.
CREATE INDEX IF NOT EXISTS "cases_open_kpi_idx" ON "cases" USING btree ("creditor_id", "assignee_id")
  INCLUDE ("id", "state", "priority", "next_action_at", "mediation_deadline", "promise_broken_at", "arrears_at_open")
  WHERE "state" NOT IN ('completed', 'escalated', 'closed');
