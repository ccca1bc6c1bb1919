ALTER TABLE "agreements" ADD COLUMN "plan_breached_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "plan_completed_at" timestamp with time zone;