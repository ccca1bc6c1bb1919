-- A broken repayment plan is the queue's next action of its case: "contact the borrower", due when the plan broke, at
-- priority 0 like an unanswered broken promise, until a mediator has contacted the borrower since the breach. Before,
-- a breached case fell through to its mediation deadline, which had passed months earlier with the agreement signed,
-- and showed as an overdue deadline. After that contact the case is followed up a week later like any other, unless
-- something is due sooner. The mediation deadline is the next action of an open mediation only.
CREATE OR REPLACE FUNCTION concord_case_next_action() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    chosen_kind text;
    chosen_at timestamptz;
    plan_broken_at timestamptz;
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
    IF NEW.state = 'breached' THEN
      SELECT max(plan_breached_at) INTO plan_broken_at FROM agreements WHERE case_id = NEW.id;
    END IF;
    -- What is pending on the case: the earliest due first.
    SELECT k, a INTO chosen_kind, chosen_at FROM (VALUES
      (1, 'broken_promise', CASE WHEN NEW.promise_broken_at IS NOT NULL AND (NEW.last_contact_at IS NULL OR NEW.last_contact_at < NEW.promise_broken_at) THEN NEW.promise_broken_at END),
      (2, 'plan_breached', CASE WHEN NEW.last_contact_at IS NULL OR NEW.last_contact_at < plan_broken_at THEN plan_broken_at END),
      (3, 'review', CASE WHEN NEW.review_reason IS NOT NULL AND NEW.reviewed_at IS NULL THEN NEW.review_requested_at END),
      (4, 'approval', NEW.approval_requested_at),
      (5, 'answer_proposal', NEW.borrower_proposal_at),
      (6, 'callback', NEW.callback_at),
      (7, 'check_promise', NEW.promise_due_at),
      (8, 'propose_offer', CASE WHEN NEW.state = 'hardship_submitted' AND NEW.offer_to_borrower_until IS NULL THEN NEW.hardship_submitted_at END),
      (9, 'first_contact', CASE WHEN NEW.state = 'invited' AND NEW.last_contact_at IS NULL AND NEW.engaged_at IS NULL THEN NEW.opened_at END),
      (10, 'await_borrower', NEW.offer_to_borrower_until)
    ) AS candidates(rank, k, a)
    WHERE a IS NOT NULL
    ORDER BY a, rank
    LIMIT 1;
    -- Nothing pending: the deadline of an open mediation, or a follow-up a week after the last contact (a month on an
    -- active plan).
    IF chosen_kind IS NULL THEN
      SELECT k, a INTO chosen_kind, chosen_at FROM (VALUES
        (11, 'deadline', CASE WHEN NEW.state IN ('invited', 'engaged', 'hardship_submitted', 'negotiating', 'agreed', 'signed_by_borrower') THEN NEW.mediation_deadline END),
        (12, 'follow_up', coalesce(NEW.last_contact_at, NEW.opened_at) + CASE WHEN NEW.state = 'plan_active' THEN interval '30 days' ELSE interval '7 days' END)
      ) AS candidates(rank, k, a)
      WHERE a IS NOT NULL
      ORDER BY a, rank
      LIMIT 1;
    END IF;
    NEW.next_action := chosen_kind;
    NEW.next_action_at := chosen_at;
    NEW.priority := CASE WHEN chosen_kind IN ('broken_promise', 'plan_breached') THEN 0 ELSE 1 END;
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
-- The cases already broken take their new next action (the BEFORE UPDATE trigger recomputes it).
UPDATE cases SET next_action = next_action WHERE state = 'breached';
