CREATE TYPE "public"."import_batch_status" AS ENUM('uploading', 'uploaded', 'validating', 'previewed', 'importing', 'imported', 'failed', 'refused', 'cancelled');--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"filename" text NOT NULL,
	"size" bigint DEFAULT 0 NOT NULL,
	"sha256" text,
	"encoding_choice" text DEFAULT 'auto' NOT NULL,
	"encoding" text,
	"header" text[],
	"status" "import_batch_status" DEFAULT 'uploading' NOT NULL,
	"stage" text,
	"problem" jsonb,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_valid" integer DEFAULT 0 NOT NULL,
	"rows_invalid" integer DEFAULT 0 NOT NULL,
	"rows_new" integer DEFAULT 0 NOT NULL,
	"rows_updated" integer DEFAULT 0 NOT NULL,
	"rows_unchanged" integer DEFAULT 0 NOT NULL,
	"rows_imported" integer DEFAULT 0 NOT NULL,
	"cases_opened" integer DEFAULT 0 NOT NULL,
	"borrowers_created" integer DEFAULT 0 NOT NULL,
	"invitations_queued" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"validated_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_file_chunks" (
	"batch_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "import_file_chunks_batch_id_seq_pk" PRIMARY KEY("batch_id","seq")
);
--> statement-breakpoint
CREATE TABLE "import_row_errors" (
	"batch_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"problems" jsonb NOT NULL,
	"raw_enc" text NOT NULL,
	CONSTRAINT "import_row_errors_batch_id_line_pk" PRIMARY KEY("batch_id","line")
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"batch_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"action" text NOT NULL,
	"terms_changed" boolean DEFAULT false NOT NULL,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"row_hash" text NOT NULL,
	"contract_no" text NOT NULL,
	"full_name" text NOT NULL,
	"resident_id_enc" text NOT NULL,
	"resident_id_hash" text NOT NULL,
	"resident_id_masked" text NOT NULL,
	"phone" text NOT NULL,
	"address" text,
	"locale" text NOT NULL,
	"product" text NOT NULL,
	"principal" bigint NOT NULL,
	"annual_rate_ppm" integer NOT NULL,
	"term_months" integer NOT NULL,
	"repayment_method" text NOT NULL,
	"start_date" date NOT NULL,
	"first_due_date" date NOT NULL,
	"maturity_date" date NOT NULL,
	"due_dates" date[] NOT NULL,
	"principal_due" bigint[] NOT NULL,
	"interest_due" bigint[] NOT NULL,
	"payment_dates" date[] NOT NULL,
	"payment_amounts" bigint[] NOT NULL,
	"payment_refs" text[] NOT NULL,
	"dpd" integer NOT NULL,
	"arrears" bigint NOT NULL,
	"invite_channel" text NOT NULL,
	"invite_code" text NOT NULL,
	CONSTRAINT "import_rows_batch_id_line_pk" PRIMARY KEY("batch_id","line")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"notification_id" uuid,
	"batch_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_case_channel_uq" UNIQUE("case_id","channel")
);
--> statement-breakpoint
CREATE TABLE "job_marks" (
	"job" text NOT NULL,
	"subject" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_marks_job_subject_pk" PRIMARY KEY("job","subject")
);
--> statement-breakpoint
CREATE TABLE "message_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"template" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_templates_uq" UNIQUE("creditor_id","template","locale")
);
--> statement-breakpoint
ALTER TABLE "loans" DROP CONSTRAINT "loans_contract_no_unique";--> statement-breakpoint
DROP INDEX "loans_creditor_idx";--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "import_batch_id" uuid;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "import_hash" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "invite_code" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "creditor_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "governed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "mandatory" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "deferred_by" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "deferrals" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_uploaded_by_staff_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_confirmed_by_staff_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_file_chunks" ADD CONSTRAINT "import_file_chunks_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_row_errors" ADD CONSTRAINT "import_row_errors_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_updated_by_staff_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_batches_creditor_idx" ON "import_batches" USING btree ("creditor_id","created_at");--> statement-breakpoint
CREATE INDEX "invitations_notification_idx" ON "invitations" USING btree ("notification_id");--> statement-breakpoint
CREATE INDEX "plan_installments_due_idx" ON "plan_installments" USING btree ("due_date");--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_creditor_contract_uq" UNIQUE("creditor_id","contract_no");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_invite_code_unique" UNIQUE("invite_code");