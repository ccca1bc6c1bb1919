-- The queue's dashboard filters (reached=signed|resolved|selfServed|redefaulted, outcome=…) read case ids from
-- case_facts as one hashed set (lib/server/queue/queue-filter.ts). These indexes give that set from the index alone
-- for the creditor: cases that signed, that were resolved (with staff_contact, for "self-served"), and by outcome.
-- engaged/hardship/offered, which hold most cases, still scan case_facts.
CREATE INDEX IF NOT EXISTS "case_facts_signed_idx" ON "case_facts" USING btree ("creditor_id", "case_id") WHERE "signed_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "case_facts_resolved_idx" ON "case_facts" USING btree ("creditor_id", "case_id") INCLUDE ("staff_contact") WHERE "resolved_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "case_facts_outcome_idx" ON "case_facts" USING btree ("creditor_id", "outcome", "case_id");
