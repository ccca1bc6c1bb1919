-- Signed documents are immutable: a correction is a new agreement that supersedes the old one.
-- The stored PDFs of an agreement can never be changed or deleted...
CREATE OR REPLACE FUNCTION agreement_files_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.kind IN ('agreement_unsigned', 'agreement_signed', 'agreement_executed', 'signature_image') THEN
    RAISE EXCEPTION 'stored file % of an agreement is immutable', OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER agreement_files_immutable BEFORE UPDATE OR DELETE ON stored_files
  FOR EACH ROW EXECUTE FUNCTION agreement_files_immutable();
--> statement-breakpoint
-- ...nor an agreement's snapshot, its hashes once set, or an agreement deleted.
CREATE OR REPLACE FUNCTION agreements_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'agreements are never deleted';
  END IF;
  IF NEW.snapshot IS DISTINCT FROM OLD.snapshot
     OR NEW.verification_code IS DISTINCT FROM OLD.verification_code
     OR (OLD.unsigned_sha256 IS NOT NULL AND NEW.unsigned_sha256 IS DISTINCT FROM OLD.unsigned_sha256)
     OR (OLD.borrower_signed_sha256 IS NOT NULL AND NEW.borrower_signed_sha256 IS DISTINCT FROM OLD.borrower_signed_sha256)
     OR (OLD.executed_sha256 IS NOT NULL AND NEW.executed_sha256 IS DISTINCT FROM OLD.executed_sha256) THEN
    RAISE EXCEPTION 'agreement % is immutable once made', OLD.id;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER agreements_immutable BEFORE UPDATE OR DELETE ON agreements
  FOR EACH ROW EXECUTE FUNCTION agreements_immutable();
