ALTER TABLE "installments" DROP CONSTRAINT "installments_loan_seq_uq";--> statement-breakpoint
ALTER TABLE "installments" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "installments" ADD CONSTRAINT "installments_pkey" PRIMARY KEY("loan_id","seq");
