-- A payment is never edited in place: a correction is a reversal (payment_reversals), and both stay on record.
CREATE OR REPLACE FUNCTION plan_records_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% rows are never changed or deleted (a correction is a new record)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER payments_immutable BEFORE UPDATE OR DELETE ON payments
  FOR EACH ROW EXECUTE FUNCTION plan_records_immutable();
--> statement-breakpoint
CREATE TRIGGER payment_reversals_immutable BEFORE UPDATE OR DELETE ON payment_reversals
  FOR EACH ROW EXECUTE FUNCTION plan_records_immutable();
--> statement-breakpoint
CREATE TRIGGER plan_refunds_immutable BEFORE UPDATE OR DELETE ON plan_refunds
  FOR EACH ROW EXECUTE FUNCTION plan_records_immutable();
--> statement-breakpoint
CREATE TRIGGER plan_delays_immutable BEFORE UPDATE OR DELETE ON plan_delays
  FOR EACH ROW EXECUTE FUNCTION plan_records_immutable();
--> statement-breakpoint
CREATE TRIGGER plan_documents_immutable BEFORE UPDATE OR DELETE ON plan_documents
  FOR EACH ROW EXECUTE FUNCTION plan_records_immutable();
--> statement-breakpoint
-- The sealed documents of a plan are kept like an agreement's own files.
CREATE OR REPLACE FUNCTION agreement_files_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.kind::text IN ('agreement_unsigned', 'agreement_signed', 'agreement_executed', 'signature_image', 'plan_addendum', 'settlement_certificate') THEN
    RAISE EXCEPTION 'stored file % of an agreement is immutable', OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Plans started before this release kept the carried charges inside the interest column: split them out from the
-- agreement's snapshot, which holds each row's charges.
UPDATE plan_installments pi
   SET charges = (r.row ->> 'charges')::bigint,
       interest = pi.interest - (r.row ->> 'charges')::bigint
  FROM agreements a,
       LATERAL jsonb_array_elements(a.snapshot -> 'priced' -> 'schedule') AS r(row)
 WHERE a.id = pi.agreement_id
   AND (r.row ->> 'seq')::int = pi.seq
   AND pi.charges = 0
   AND (r.row ->> 'charges')::bigint > 0;
