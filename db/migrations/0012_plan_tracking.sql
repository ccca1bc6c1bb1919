CREATE TYPE "public"."payment_source" AS ENUM('staff', 'import', 'seed');--> statement-breakpoint
CREATE TYPE "public"."plan_document_kind" AS ENUM('delay_addendum', 'settlement_certificate');--> statement-breakpoint
ALTER TYPE "public"."file_kind" ADD VALUE 'plan_addendum';--> statement-breakpoint
ALTER TYPE "public"."file_kind" ADD VALUE 'settlement_certificate';--> statement-breakpoint
CREATE TABLE "payment_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid,
	"filename" text NOT NULL,
	"sha256" text NOT NULL,
	"encoding" text NOT NULL,
	"rows" integer NOT NULL,
	"recorded" integer NOT NULL,
	"already_recorded" integer NOT NULL,
	"rejected" integer NOT NULL,
	"imported_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_reversals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"reversed_by_id" uuid NOT NULL,
	"reversed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_reversals_payment_id_unique" UNIQUE("payment_id")
);
--> statement-breakpoint
CREATE TABLE "plan_delays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"installment_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"days" integer NOT NULL,
	"requested_by_type" "actor_type" NOT NULL,
	"requested_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"kind" "plan_document_kind" NOT NULL,
	"document_no" text NOT NULL,
	"verification_code" text NOT NULL,
	"file_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"facts" jsonb NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_documents_document_no_unique" UNIQUE("document_no"),
	CONSTRAINT "plan_documents_verification_code_unique" UNIQUE("verification_code")
);
--> statement-breakpoint
CREATE TABLE "plan_refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"refunded_on" date NOT NULL,
	"reference" text NOT NULL,
	"note" text,
	"recorded_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_refunds_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "creditors" ADD COLUMN "payment_account" jsonb;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "agreement_id" uuid;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "source" "payment_source" DEFAULT 'seed' NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "recorded_by_id" uuid;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "import_id" uuid;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "plan_installments" ADD COLUMN "charges" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_installments" ADD COLUMN "paid_on" date;--> statement-breakpoint
ALTER TABLE "plan_installments" ADD COLUMN "missed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_imports" ADD CONSTRAINT "payment_imports_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_imports" ADD CONSTRAINT "payment_imports_imported_by_id_staff_users_id_fk" FOREIGN KEY ("imported_by_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_reversals" ADD CONSTRAINT "payment_reversals_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_reversals" ADD CONSTRAINT "payment_reversals_reversed_by_id_staff_users_id_fk" FOREIGN KEY ("reversed_by_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_delays" ADD CONSTRAINT "plan_delays_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_delays" ADD CONSTRAINT "plan_delays_installment_id_plan_installments_id_fk" FOREIGN KEY ("installment_id") REFERENCES "public"."plan_installments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_documents" ADD CONSTRAINT "plan_documents_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_documents" ADD CONSTRAINT "plan_documents_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_refunds" ADD CONSTRAINT "plan_refunds_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_refunds" ADD CONSTRAINT "plan_refunds_recorded_by_id_staff_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_imports_sha_idx" ON "payment_imports" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_delays_once_uq" ON "plan_delays" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "plan_documents_agreement_idx" ON "plan_documents" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "plan_documents_sha_idx" ON "plan_documents" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_documents_one_certificate_uq" ON "plan_documents" USING btree ("agreement_id") WHERE "plan_documents"."kind" = 'settlement_certificate';--> statement-breakpoint
CREATE INDEX "plan_refunds_agreement_idx" ON "plan_refunds" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "payments_agreement_idx" ON "payments" USING btree ("agreement_id");