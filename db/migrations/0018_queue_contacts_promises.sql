CREATE TYPE "public"."callback_status" AS ENUM('open', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."contact_party" AS ENUM('borrower', 'third_party');--> statement-breakpoint
CREATE TYPE "public"."contact_result" AS ENUM('reached', 'no_answer', 'promise_to_pay', 'refused', 'wrong_number', 'dispute');--> statement-breakpoint
CREATE TYPE "public"."promise_status" AS ENUM('open', 'kept', 'broken', 'cancelled');--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"note" text,
	"status" "callback_status" DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promises_to_pay" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"contact_id" uuid,
	"promised_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"made_on" date NOT NULL,
	"grace_days" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" "promise_status" DEFAULT 'open' NOT NULL,
	"paid_amount" bigint DEFAULT 0 NOT NULL,
	"resolved_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "overdue_since" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "hardship_submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "offer_to_borrower_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "borrower_proposal_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "approval_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "last_contact_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "promise_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "promise_broken_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "callback_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "next_action" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "next_action_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "priority" smallint;--> statement-breakpoint
ALTER TABLE "contact_records" ADD COLUMN "party" "contact_party" DEFAULT 'borrower' NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_records" ADD COLUMN "result" "contact_result";--> statement-breakpoint
ALTER TABLE "contact_records" ADD COLUMN "no_debt_disclosed" boolean;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_author_id_staff_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises_to_pay" ADD CONSTRAINT "promises_to_pay_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises_to_pay" ADD CONSTRAINT "promises_to_pay_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises_to_pay" ADD CONSTRAINT "promises_to_pay_contact_id_contact_records_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises_to_pay" ADD CONSTRAINT "promises_to_pay_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_name_uq" ON "saved_views" USING btree ("staff_id","name");--> statement-breakpoint
CREATE INDEX "callbacks_case_idx" ON "callbacks" USING btree ("case_id","due_at");--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "promises_case_idx" ON "promises_to_pay" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "promises_open_due_idx" ON "promises_to_pay" USING btree ("due_at") WHERE "promises_to_pay"."status" = 'open';--> statement-breakpoint
CREATE INDEX "cases_priority_idx" ON "cases" USING btree ("priority","next_action_at","id");--> statement-breakpoint
CREATE INDEX "cases_assignee_priority_idx" ON "cases" USING btree ("assignee_id","priority","next_action_at","id");--> statement-breakpoint
CREATE INDEX "cases_deadline_idx" ON "cases" USING btree ("mediation_deadline","id");