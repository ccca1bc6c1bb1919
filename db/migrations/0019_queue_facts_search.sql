-- The queue (docs/decisions/0013-queue.md): search indexes, and the facts each case carries for the queue's filters and
-- sorts, kept by triggers whoever writes the tables they come from.

-- Partial search. pg_trgm for what is written in ASCII (phone numbers, case and contract numbers). Chinese names get
-- no trigrams in this database's C locale (show_trgm('张伟强') is empty), and a two-character name or query has no
-- trigram anyway: names are indexed by their characters and pairs of characters instead (a query of two or more
-- characters looks its pairs up, one character looks itself up, and LIKE checks the candidates).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION concord_name_grams(name text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
      SELECT substr(lower(name), i, 1) AS g FROM generate_series(1, char_length(name)) AS i
      UNION ALL
      SELECT substr(lower(name), i, 2) FROM generate_series(1, char_length(name) - 1) AS i
    ) grams WHERE g !~ '\s'
  $$;
--> statement-breakpoint
CREATE INDEX borrowers_name_grams_idx ON borrowers USING gin (concord_name_grams(full_name));
--> statement-breakpoint
CREATE INDEX borrowers_phone_trgm_idx ON borrowers USING gin (phone gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX cases_case_no_trgm_idx ON cases USING gin (case_no gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX loans_contract_no_trgm_idx ON loans USING gin (contract_no gin_trgm_ops);
--> statement-breakpoint

-- The next action and its time, from the case's own facts: the earliest due of what is pending (the more urgent kind
-- first on a tie). Priority 0 puts a broken promise that nobody has followed up at the top of the queue; ended cases
-- get priority 9 and a far-future time, so every sort key is a plain, non-null, indexable column.
CREATE OR REPLACE FUNCTION concord_case_next_action() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    chosen_kind text;
    chosen_at timestamptz;
  BEGIN
    IF TG_OP = 'INSERT' THEN
      NEW.overdue_since := coalesce(NEW.overdue_since, (NEW.opened_at AT TIME ZONE 'Asia/Shanghai')::date - NEW.dpd_at_open);
    END IF;
    IF NEW.state IN ('completed', 'escalated', 'closed') THEN
      NEW.next_action := NULL;
      NEW.next_action_at := '9999-12-31 00:00:00+00';
      NEW.priority := 9;
      RETURN NEW;
    END IF;
    -- What is pending on the case: the earliest due first.
    SELECT k, a INTO chosen_kind, chosen_at FROM (VALUES
      (1, 'broken_promise', CASE WHEN NEW.promise_broken_at IS NOT NULL AND (NEW.last_contact_at IS NULL OR NEW.last_contact_at < NEW.promise_broken_at) THEN NEW.promise_broken_at END),
      (2, 'review', CASE WHEN NEW.review_reason IS NOT NULL AND NEW.reviewed_at IS NULL THEN NEW.review_requested_at END),
      (3, 'approval', NEW.approval_requested_at),
      (4, 'answer_proposal', NEW.borrower_proposal_at),
      (5, 'callback', NEW.callback_at),
      (6, 'check_promise', NEW.promise_due_at),
      (7, 'propose_offer', CASE WHEN NEW.state = 'hardship_submitted' AND NEW.offer_to_borrower_until IS NULL THEN NEW.hardship_submitted_at END),
      (8, 'first_contact', CASE WHEN NEW.state = 'invited' AND NEW.last_contact_at IS NULL AND NEW.engaged_at IS NULL THEN NEW.opened_at END),
      (9, 'await_borrower', NEW.offer_to_borrower_until)
    ) AS candidates(rank, k, a)
    WHERE a IS NOT NULL
    ORDER BY a, rank
    LIMIT 1;
    -- Nothing pending: the mediation deadline, or a follow-up a week after the last contact (a month on an active plan).
    IF chosen_kind IS NULL THEN
      SELECT k, a INTO chosen_kind, chosen_at FROM (VALUES
        (10, 'deadline', CASE WHEN NEW.state IN ('invited', 'engaged', 'hardship_submitted', 'negotiating', 'agreed', 'signed_by_borrower', 'breached') THEN NEW.mediation_deadline END),
        (11, 'follow_up', coalesce(NEW.last_contact_at, NEW.opened_at) + CASE WHEN NEW.state = 'plan_active' THEN interval '30 days' ELSE interval '7 days' END)
      ) AS candidates(rank, k, a)
      WHERE a IS NOT NULL
      ORDER BY a, rank
      LIMIT 1;
    END IF;
    NEW.next_action := chosen_kind;
    NEW.next_action_at := chosen_at;
    NEW.priority := CASE WHEN chosen_kind = 'broken_promise' THEN 0 ELSE 1 END;
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER cases_next_action BEFORE INSERT OR UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION concord_case_next_action();
--> statement-breakpoint

-- The facts of some cases (null: every case), recomputed from the tables they come from in one pass per fact.
CREATE OR REPLACE FUNCTION concord_refresh_case_facts(only_cases uuid[] DEFAULT NULL) RETURNS void
  LANGUAGE sql
  AS $$
    UPDATE cases c SET
      hardship_submitted_at = f.hardship_submitted_at,
      offer_to_borrower_until = f.offer_to_borrower_until,
      borrower_proposal_at = f.borrower_proposal_at,
      approval_requested_at = f.approval_requested_at,
      last_contact_at = f.last_contact_at,
      promise_due_at = f.promise_due_at,
      promise_broken_at = f.promise_broken_at,
      callback_at = f.callback_at
    FROM (
      SELECT k.id,
        (SELECT max(h.submitted_at) FROM hardship_statements h WHERE h.case_id = k.id AND h.status IN ('submitted', 'superseded')) AS hardship_submitted_at,
        (SELECT min(o.expires_at) FROM offers o WHERE o.case_id = k.id AND o.status = 'proposed' AND o.author_type <> 'borrower') AS offer_to_borrower_until,
        (SELECT min(o.created_at) FROM offers o WHERE o.case_id = k.id AND o.status = 'proposed' AND o.author_type = 'borrower') AS borrower_proposal_at,
        (SELECT min(o.created_at) FROM offers o WHERE o.case_id = k.id AND o.status = 'pending_approval') AS approval_requested_at,
        -- Contact a staff member made or received (the portal's own messages are not a mediator's contact).
        (SELECT max(r.at) FROM contact_records r WHERE r.case_id = k.id AND r.outcome <> 'blocked' AND r.staff_id IS NOT NULL) AS last_contact_at,
        (SELECT min(p.due_at) FROM promises_to_pay p WHERE p.case_id = k.id AND p.status = 'open') AS promise_due_at,
        (SELECT CASE WHEN p.status = 'broken' THEN p.resolved_at END FROM promises_to_pay p WHERE p.case_id = k.id ORDER BY p.created_at DESC, p.id DESC LIMIT 1) AS promise_broken_at,
        (SELECT min(b.due_at) FROM callbacks b WHERE b.case_id = k.id AND b.status = 'open') AS callback_at
      FROM cases k
      WHERE only_cases IS NULL OR k.id = ANY (only_cases)
    ) f
    WHERE c.id = f.id
      AND (c.hardship_submitted_at, c.offer_to_borrower_until, c.borrower_proposal_at, c.approval_requested_at, c.last_contact_at, c.promise_due_at, c.promise_broken_at, c.callback_at)
        IS DISTINCT FROM (f.hardship_submitted_at, f.offer_to_borrower_until, f.borrower_proposal_at, f.approval_requested_at, f.last_contact_at, f.promise_due_at, f.promise_broken_at, f.callback_at)
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION concord_case_facts_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_OP = 'DELETE' THEN
      PERFORM concord_refresh_case_facts(ARRAY[OLD.case_id]);
      RETURN OLD;
    END IF;
    PERFORM concord_refresh_case_facts(CASE WHEN TG_OP = 'UPDATE' AND OLD.case_id <> NEW.case_id THEN ARRAY[NEW.case_id, OLD.case_id] ELSE ARRAY[NEW.case_id] END);
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER hardship_statements_case_facts AFTER INSERT OR UPDATE OR DELETE ON hardship_statements FOR EACH ROW EXECUTE FUNCTION concord_case_facts_changed();
--> statement-breakpoint
CREATE TRIGGER offers_case_facts AFTER INSERT OR UPDATE OR DELETE ON offers FOR EACH ROW EXECUTE FUNCTION concord_case_facts_changed();
--> statement-breakpoint
CREATE TRIGGER contact_records_case_facts AFTER INSERT OR UPDATE OR DELETE ON contact_records FOR EACH ROW EXECUTE FUNCTION concord_case_facts_changed();
--> statement-breakpoint
CREATE TRIGGER promises_to_pay_case_facts AFTER INSERT OR UPDATE OR DELETE ON promises_to_pay FOR EACH ROW EXECUTE FUNCTION concord_case_facts_changed();
--> statement-breakpoint
CREATE TRIGGER callbacks_case_facts AFTER INSERT OR UPDATE OR DELETE ON callbacks FOR EACH ROW EXECUTE FUNCTION concord_case_facts_changed();
--> statement-breakpoint

-- The cases already there.
-- (cases.engaged_at is the dashboard's, set at sign-in: lib/server/auth/verify-login-code.ts.)
UPDATE cases SET overdue_since = (opened_at AT TIME ZONE 'Asia/Shanghai')::date - dpd_at_open;
--> statement-breakpoint
SELECT concord_refresh_case_facts();
