CREATE INDEX "cases_offer_borrower_idx" ON "cases" USING btree ("creditor_id") WHERE "cases"."offer_to_borrower_until" is not null;--> statement-breakpoint
CREATE INDEX "cases_approval_idx" ON "cases" USING btree ("creditor_id") WHERE "cases"."approval_requested_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_proposal_idx" ON "cases" USING btree ("creditor_id") WHERE "cases"."borrower_proposal_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_hardship_idx" ON "cases" USING btree ("creditor_id") WHERE "cases"."hardship_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_promise_open_idx" ON "cases" USING btree ("creditor_id","promise_due_at") WHERE "cases"."promise_due_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_promise_broken_idx" ON "cases" USING btree ("creditor_id") WHERE "cases"."promise_broken_at" is not null;