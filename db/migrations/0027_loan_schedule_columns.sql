ALTER TABLE "loans" ADD COLUMN "schedule_due_dates" date[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "schedule_principal" bigint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "schedule_interest" bigint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "schedule_fees" bigint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_schedule_aligned" CHECK (cardinality("loans"."schedule_principal") = cardinality("loans"."schedule_due_dates") and cardinality("loans"."schedule_interest") = cardinality("loans"."schedule_due_dates") and cardinality("loans"."schedule_fees") = cardinality("loans"."schedule_due_dates"));