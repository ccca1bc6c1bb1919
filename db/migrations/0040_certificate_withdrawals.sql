CREATE TABLE "plan_document_withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"withdrawn_by_id" uuid NOT NULL,
	"withdrawn_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_document_withdrawals_document_id_unique" UNIQUE("document_id")
);
--> statement-breakpoint
DROP INDEX "plan_documents_one_certificate_uq";--> statement-breakpoint
ALTER TABLE "plan_document_withdrawals" ADD CONSTRAINT "plan_document_withdrawals_document_id_plan_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."plan_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_document_withdrawals" ADD CONSTRAINT "plan_document_withdrawals_withdrawn_by_id_staff_users_id_fk" FOREIGN KEY ("withdrawn_by_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A withdrawal is a record like a reversal: never changed or deleted.
CREATE TRIGGER plan_document_withdrawals_immutable BEFORE UPDATE OR DELETE ON plan_document_withdrawals
  FOR EACH ROW EXECUTE FUNCTION plan_records_immutable();
