CREATE TYPE "public"."staff_token_purpose" AS ENUM('invite', 'reset');--> statement-breakpoint
CREATE TABLE "staff_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"purpose" "staff_token_purpose" NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "staff_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "case_facts" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"creditor_id" uuid NOT NULL,
	"assignee_id" uuid,
	"bucket" integer NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"engaged_at" timestamp with time zone,
	"hardship_at" timestamp with time zone,
	"offered_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"outcome" "case_outcome_kind",
	"outcome_at" timestamp with time zone,
	"concluded_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"staff_contact" boolean DEFAULT false NOT NULL,
	"restructured" bigint DEFAULT 0 NOT NULL,
	"waived" bigint DEFAULT 0 NOT NULL,
	"recovered" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_outcomes" DROP CONSTRAINT "case_outcomes_case_id_unique";--> statement-breakpoint
ALTER TABLE "case_facts" ALTER COLUMN "outcome" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "case_outcomes" ALTER COLUMN "outcome" SET DATA TYPE text;--> statement-breakpoint
DROP TYPE "public"."case_outcome_kind";--> statement-breakpoint
CREATE TYPE "public"."case_outcome_kind" AS ENUM('agreement_signed', 'paid_in_full', 'partial_settlement', 'no_agreement', 'borrower_unreachable', 'dispute', 'escalated_to_litigation', 'withdrawn_by_creditor');--> statement-breakpoint
ALTER TABLE "case_facts" ALTER COLUMN "outcome" SET DATA TYPE "public"."case_outcome_kind" USING "outcome"::"public"."case_outcome_kind";--> statement-breakpoint
ALTER TABLE "case_outcomes" ALTER COLUMN "outcome" SET DATA TYPE "public"."case_outcome_kind" USING "outcome"::"public"."case_outcome_kind";--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD COLUMN "amount_recovered" bigint;--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD COLUMN "amount_waived" bigint;--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD COLUMN "amount_claimed" bigint;--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD COLUMN "amount_restructured" bigint;--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD COLUMN "from_state" "case_state" NOT NULL;--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD COLUMN "to_state" "case_state" NOT NULL;--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD COLUMN "superseded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD COLUMN "superseded_by" uuid;--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD COLUMN "superseded_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "engaged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "escalation_review_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff_tokens" ADD CONSTRAINT "staff_tokens_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_tokens" ADD CONSTRAINT "staff_tokens_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_facts" ADD CONSTRAINT "case_facts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_tokens_staff_idx" ON "staff_tokens" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "case_facts_opened_idx" ON "case_facts" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "case_facts_creditor_opened_idx" ON "case_facts" USING btree ("creditor_id","opened_at");--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD CONSTRAINT "case_outcomes_superseded_by_staff_users_id_fk" FOREIGN KEY ("superseded_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_outcomes_case_idx" ON "case_outcomes" USING btree ("case_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_outcomes_current_uq" ON "case_outcomes" USING btree ("case_id") WHERE "case_outcomes"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "cases_escalation_review_idx" ON "cases" USING btree ("creditor_id","escalation_review_since") WHERE "cases"."escalation_review_since" is not null;--> statement-breakpoint
ALTER TABLE "case_outcomes" DROP COLUMN "recovered_amount";--> statement-breakpoint
ALTER TABLE "case_outcomes" DROP COLUMN "notes";--> statement-breakpoint
ALTER TABLE "case_outcomes" DROP COLUMN "details";