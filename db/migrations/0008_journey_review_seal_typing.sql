ALTER TYPE "public"."signer_type" ADD VALUE 'mediator';--> statement-breakpoint
CREATE TABLE "seal_authorisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_id" uuid NOT NULL,
	"signatory" text NOT NULL,
	"granted_by" uuid NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_by" uuid,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "review_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "review_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "hardship_statements" ADD COLUMN "typing" jsonb;--> statement-breakpoint
ALTER TABLE "seal_authorisations" ADD CONSTRAINT "seal_authorisations_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seal_authorisations" ADD CONSTRAINT "seal_authorisations_granted_by_staff_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seal_authorisations" ADD CONSTRAINT "seal_authorisations_revoked_by_staff_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "seal_authorisations_in_force_uq" ON "seal_authorisations" USING btree ("creditor_id") WHERE "seal_authorisations"."revoked_at" is null;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_reviewed_by_staff_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;