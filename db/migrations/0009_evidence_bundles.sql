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
ALTER TABLE "evidence_bundles" ADD CONSTRAINT "evidence_bundles_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_bundles" ADD CONSTRAINT "evidence_bundles_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_bundles_case_idx" ON "evidence_bundles" USING btree ("case_id","created_at");