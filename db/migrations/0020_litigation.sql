ALTER TYPE "public"."file_kind" ADD VALUE 'notice';--> statement-breakpoint
ALTER TYPE "public"."file_kind" ADD VALUE 'judicial_application';--> statement-breakpoint
ALTER TYPE "public"."file_kind" ADD VALUE 'judicial_document';--> statement-breakpoint
CREATE TABLE "evidence_bundles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"as_of" text NOT NULL,
	"manifest_sha256" text NOT NULL,
	"file_count" integer NOT NULL,
	"total_bytes" bigint NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_bundles_manifest_sha256_unique" UNIQUE("manifest_sha256")
);
--> statement-breakpoint
CREATE TABLE "judicial_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"status" text NOT NULL,
	"court" text NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"unsigned_file_id" uuid,
	"unsigned_sha256" text,
	"borrower_signed_file_id" uuid,
	"borrower_signed_sha256" text,
	"signed_file_id" uuid,
	"signed_sha256" text,
	"prepared_by" uuid,
	"prepared_at" timestamp with time zone NOT NULL,
	"borrower_signed_at" timestamp with time zone,
	"borrower_typed_name" text,
	"borrower_consent_version" text,
	"borrower_consent_sha256" text,
	"signed_by" uuid,
	"signed_at" timestamp with time zone,
	"filed_at" timestamp with time zone,
	"filed_by" uuid,
	"filed_file_id" uuid,
	"court_case_no" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decision_file_id" uuid,
	"decision_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "judicial_confirmations_agreement_id_unique" UNIQUE("agreement_id")
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"enforceable_amount" bigint NOT NULL,
	"as_of" text NOT NULL,
	"file_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"prepared_by" uuid NOT NULL,
	"prepared_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"sent_at" timestamp with time zone,
	"blocked_rule" text,
	"next_allowed_at" timestamp with time zone,
	"contact_record_id" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "creditors" ADD COLUMN "litigation" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_bundles" ADD CONSTRAINT "evidence_bundles_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_bundles" ADD CONSTRAINT "evidence_bundles_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judicial_confirmations" ADD CONSTRAINT "judicial_confirmations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judicial_confirmations" ADD CONSTRAINT "judicial_confirmations_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judicial_confirmations" ADD CONSTRAINT "judicial_confirmations_unsigned_file_id_stored_files_id_fk" FOREIGN KEY ("unsigned_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judicial_confirmations" ADD CONSTRAINT "judicial_confirmations_borrower_signed_file_id_stored_files_id_fk" FOREIGN KEY ("borrower_signed_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judicial_confirmations" ADD CONSTRAINT "judicial_confirmations_signed_file_id_stored_files_id_fk" FOREIGN KEY ("signed_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judicial_confirmations" ADD CONSTRAINT "judicial_confirmations_prepared_by_staff_users_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judicial_confirmations" ADD CONSTRAINT "judicial_confirmations_signed_by_staff_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judicial_confirmations" ADD CONSTRAINT "judicial_confirmations_filed_by_staff_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judicial_confirmations" ADD CONSTRAINT "judicial_confirmations_filed_file_id_stored_files_id_fk" FOREIGN KEY ("filed_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judicial_confirmations" ADD CONSTRAINT "judicial_confirmations_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judicial_confirmations" ADD CONSTRAINT "judicial_confirmations_decision_file_id_stored_files_id_fk" FOREIGN KEY ("decision_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_prepared_by_staff_users_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_bundles_case_idx" ON "evidence_bundles" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "judicial_confirmations_case_idx" ON "judicial_confirmations" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "notices_case_idx" ON "notices" USING btree ("case_id","prepared_at");--> statement-breakpoint
CREATE INDEX "notices_pending_idx" ON "notices" USING btree ("status");