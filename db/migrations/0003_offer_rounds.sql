DROP INDEX "offers_one_open_uq";--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "offers_one_pending_uq" ON "offers" USING btree ("case_id") WHERE "offers"."status" = 'pending_approval';--> statement-breakpoint
CREATE UNIQUE INDEX "offers_one_open_uq" ON "offers" USING btree ("case_id") WHERE "offers"."status" = 'proposed' and "offers"."author_type" <> 'system';--> statement-breakpoint
-- An accepted offer is the immutable snapshot the agreement is built from: refuse any change to it.
CREATE OR REPLACE FUNCTION offers_accepted_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'accepted' THEN
    RAISE EXCEPTION 'offer % was accepted and is immutable', OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER offers_accepted_immutable BEFORE UPDATE OR DELETE ON offers
  FOR EACH ROW EXECUTE FUNCTION offers_accepted_immutable();
