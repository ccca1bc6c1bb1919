CREATE TYPE "public"."actor_type" AS ENUM('borrower', 'staff', 'system', 'anonymous');--> statement-breakpoint
CREATE TYPE "public"."agreement_status" AS ENUM('awaiting_borrower', 'signed_by_borrower', 'executed', 'superseded', 'void');--> statement-breakpoint
CREATE TYPE "public"."case_outcome_kind" AS ENUM('agreement_kept', 'settled_in_full', 'escalated_to_litigation', 'withdrawn', 'written_off', 'disputed');--> statement-breakpoint
CREATE TYPE "public"."case_state" AS ENUM('invited', 'engaged', 'hardship_submitted', 'negotiating', 'agreed', 'signed_by_borrower', 'plan_active', 'breached', 'completed', 'escalated', 'closed');--> statement-breakpoint
CREATE TYPE "public"."channel" AS ENUM('sms', 'email', 'in_app', 'phone', 'letter', 'visit');--> statement-breakpoint
CREATE TYPE "public"."contact_direction" AS ENUM('outbound', 'inbound');--> statement-breakpoint
CREATE TYPE "public"."contact_outcome" AS ENUM('effective', 'unanswered', 'attempted', 'blocked');--> statement-breakpoint
CREATE TYPE "public"."file_kind" AS ENUM('evidence', 'agreement_unsigned', 'agreement_signed', 'agreement_executed', 'signature_image', 'evidence_bundle');--> statement-breakpoint
CREATE TYPE "public"."loan_status" AS ENUM('performing', 'delinquent', 'restructured', 'repaid', 'written_off');--> statement-breakpoint
CREATE TYPE "public"."notification_status" AS ENUM('pending', 'sent', 'failed', 'blocked');--> statement-breakpoint
CREATE TYPE "public"."offer_status" AS ENUM('pending_approval', 'proposed', 'accepted', 'rejected', 'countered', 'withdrawn', 'expired', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."otp_purpose" AS ENUM('login', 'sign');--> statement-breakpoint
CREATE TYPE "public"."plan_installment_status" AS ENUM('scheduled', 'paid', 'partially_paid', 'missed', 'deferred');--> statement-breakpoint
CREATE TYPE "public"."repayment_method" AS ENUM('equal_installment', 'equal_principal', 'interest_only_bullet');--> statement-breakpoint
CREATE TYPE "public"."signer_type" AS ENUM('borrower', 'creditor');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('mediator', 'supervisor', 'admin');--> statement-breakpoint
CREATE TYPE "public"."statement_status" AS ENUM('draft', 'submitted', 'superseded');--> statement-breakpoint
CREATE TABLE "borrowers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"full_name" text NOT NULL,
	"resident_id_enc" text NOT NULL,
	"resident_id_hash" text NOT NULL,
	"resident_id_masked" text NOT NULL,
	"phone" text NOT NULL,
	"email" text,
	"address" text,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"timezone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"contact_preferences" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "borrowers_resident_id_hash_unique" UNIQUE("resident_id_hash"),
	CONSTRAINT "borrowers_phone_unique" UNIQUE("phone")
);
--> statement-breakpoint
CREATE TABLE "creditors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"credit_code" text NOT NULL,
	"registered_address" text NOT NULL,
	"service_phone" text NOT NULL,
	"court" text NOT NULL,
	"timezone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"policy" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creditors_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "staff_role" NOT NULL,
	"password_hash" text NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "one_time_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phone" text NOT NULL,
	"purpose" "otp_purpose" NOT NULL,
	"subject_id" uuid,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_counters" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_limit_counters_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "installments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"due_date" date NOT NULL,
	"principal_due" bigint NOT NULL,
	"interest_due" bigint NOT NULL,
	"fees_due" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "installments_loan_seq_uq" UNIQUE("loan_id","seq")
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"borrower_id" uuid NOT NULL,
	"contract_no" text NOT NULL,
	"product" text NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"principal" bigint NOT NULL,
	"annual_rate_ppm" integer NOT NULL,
	"term_months" integer NOT NULL,
	"repayment_method" "repayment_method" NOT NULL,
	"start_date" date NOT NULL,
	"first_due_date" date NOT NULL,
	"maturity_date" date NOT NULL,
	"extended_months" integer DEFAULT 0 NOT NULL,
	"status" "loan_status" DEFAULT 'performing' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loans_contract_no_unique" UNIQUE("contract_no")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"channel" text NOT NULL,
	"reference" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "case_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"outcome" "case_outcome_kind" NOT NULL,
	"recovered_amount" bigint DEFAULT 0 NOT NULL,
	"recorded_by" uuid,
	"notes" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_outcomes_case_id_unique" UNIQUE("case_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_no" text NOT NULL,
	"creditor_id" uuid NOT NULL,
	"borrower_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"state" "case_state" DEFAULT 'invited' NOT NULL,
	"assignee_id" uuid,
	"dpd_at_open" integer NOT NULL,
	"arrears_at_open" bigint NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"mediation_deadline" timestamp with time zone NOT NULL,
	"deadline_extensions" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_case_no_unique" UNIQUE("case_no")
);
--> statement-breakpoint
CREATE TABLE "contact_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"borrower_id" uuid NOT NULL,
	"staff_id" uuid,
	"channel" "channel" NOT NULL,
	"direction" "contact_direction" NOT NULL,
	"outcome" "contact_outcome" NOT NULL,
	"blocked_rule" text,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hardship_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"borrower_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" "statement_status" DEFAULT 'draft' NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"disposable_income" bigint,
	"submitted_at" timestamp with time zone,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hardship_case_version_uq" UNIQUE("case_id","version")
);
--> statement-breakpoint
CREATE TABLE "negotiation_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"author_type" "actor_type" NOT NULL,
	"author_id" uuid,
	"offer_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "file_kind" NOT NULL,
	"borrower_id" uuid,
	"case_id" uuid,
	"owner_id" uuid,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_by_type" "actor_type" NOT NULL,
	"uploaded_by_id" uuid,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"parent_offer_id" uuid,
	"author_type" "actor_type" NOT NULL,
	"author_id" uuid,
	"status" "offer_status" NOT NULL,
	"terms" jsonb NOT NULL,
	"priced" jsonb NOT NULL,
	"regular_payment" bigint NOT NULL,
	"number_of_payments" integer NOT NULL,
	"total_payable" bigint NOT NULL,
	"waived_amount" bigint DEFAULT 0 NOT NULL,
	"end_date" date NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"message" text,
	"requires_approval" boolean DEFAULT false NOT NULL,
	"approval_reason" text,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_no" text NOT NULL,
	"case_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"status" "agreement_status" DEFAULT 'awaiting_borrower' NOT NULL,
	"snapshot" jsonb NOT NULL,
	"locale" text NOT NULL,
	"verification_code" text NOT NULL,
	"unsigned_file_id" uuid,
	"unsigned_sha256" text,
	"borrower_signed_file_id" uuid,
	"borrower_signed_sha256" text,
	"executed_file_id" uuid,
	"executed_sha256" text,
	"supersedes_id" uuid,
	"executed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_agreement_no_unique" UNIQUE("agreement_no"),
	CONSTRAINT "agreements_offer_id_unique" UNIQUE("offer_id"),
	CONSTRAINT "agreements_verification_code_unique" UNIQUE("verification_code")
);
--> statement-breakpoint
CREATE TABLE "plan_installments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"due_date" date NOT NULL,
	"original_due_date" date NOT NULL,
	"principal" bigint NOT NULL,
	"interest" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"paid_amount" bigint DEFAULT 0 NOT NULL,
	"status" "plan_installment_status" DEFAULT 'scheduled' NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "plan_installments_seq_uq" UNIQUE("agreement_id","seq")
);
--> statement-breakpoint
CREATE TABLE "signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"signer_type" "signer_type" NOT NULL,
	"signer_id" uuid NOT NULL,
	"typed_name" text NOT NULL,
	"drawn_signature_file_id" uuid,
	"consent_text_version" text NOT NULL,
	"consent_text_sha256" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"code_verified_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text,
	"document_sha256_before" text NOT NULL,
	"document_sha256_after" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signatures_once_uq" UNIQUE("agreement_id","signer_type")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" "channel" NOT NULL,
	"recipient_type" "actor_type" NOT NULL,
	"recipient_id" uuid,
	"to_address" text NOT NULL,
	"template" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"case_id" uuid,
	"status" "notification_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"scheduled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_type" text,
	"entity_id" text,
	"ip" text,
	"user_agent" text,
	"request_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "installments" ADD CONSTRAINT "installments_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD CONSTRAINT "case_outcomes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_outcomes" ADD CONSTRAINT "case_outcomes_recorded_by_staff_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_id_staff_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_records" ADD CONSTRAINT "contact_records_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_records" ADD CONSTRAINT "contact_records_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_records" ADD CONSTRAINT "contact_records_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_statements" ADD CONSTRAINT "hardship_statements_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_statements" ADD CONSTRAINT "hardship_statements_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_messages" ADD CONSTRAINT "negotiation_messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_approved_by_staff_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_unsigned_file_id_stored_files_id_fk" FOREIGN KEY ("unsigned_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_borrower_signed_file_id_stored_files_id_fk" FOREIGN KEY ("borrower_signed_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_executed_file_id_stored_files_id_fk" FOREIGN KEY ("executed_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_installments" ADD CONSTRAINT "plan_installments_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_drawn_signature_file_id_stored_files_id_fk" FOREIGN KEY ("drawn_signature_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_users_email_idx" ON "staff_users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "staff_users_creditor_idx" ON "staff_users" USING btree ("creditor_id");--> statement-breakpoint
CREATE INDEX "one_time_codes_phone_idx" ON "one_time_codes" USING btree ("phone","purpose","created_at");--> statement-breakpoint
CREATE INDEX "rate_limit_expires_idx" ON "rate_limit_counters" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "loans_borrower_idx" ON "loans" USING btree ("borrower_id");--> statement-breakpoint
CREATE INDEX "loans_creditor_idx" ON "loans" USING btree ("creditor_id");--> statement-breakpoint
CREATE INDEX "payments_loan_idx" ON "payments" USING btree ("loan_id","received_on");--> statement-breakpoint
CREATE INDEX "cases_borrower_idx" ON "cases" USING btree ("borrower_id");--> statement-breakpoint
CREATE INDEX "cases_queue_idx" ON "cases" USING btree ("creditor_id","state","mediation_deadline");--> statement-breakpoint
CREATE INDEX "cases_assignee_idx" ON "cases" USING btree ("assignee_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_open_loan_uq" ON "cases" USING btree ("loan_id") WHERE "cases"."state" not in ('completed', 'escalated', 'closed');--> statement-breakpoint
CREATE INDEX "contact_records_case_idx" ON "contact_records" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "contact_records_borrower_idx" ON "contact_records" USING btree ("borrower_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_one_draft_uq" ON "hardship_statements" USING btree ("case_id") WHERE "hardship_statements"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "negotiation_messages_case_idx" ON "negotiation_messages" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "stored_files_owner_idx" ON "stored_files" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "stored_files_case_idx" ON "stored_files" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "stored_files_sha_idx" ON "stored_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "offers_case_idx" ON "offers" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "offers_expiry_idx" ON "offers" USING btree ("expires_at") WHERE "offers"."status" = 'proposed';--> statement-breakpoint
CREATE UNIQUE INDEX "offers_one_open_uq" ON "offers" USING btree ("case_id") WHERE "offers"."status" in ('proposed', 'pending_approval');--> statement-breakpoint
CREATE INDEX "notifications_status_idx" ON "notifications" USING btree ("status","scheduled_at");--> statement-breakpoint
CREATE INDEX "notifications_created_idx" ON "notifications" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_events" USING btree ("actor_id","at");