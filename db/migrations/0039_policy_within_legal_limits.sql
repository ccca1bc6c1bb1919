-- Legal limits are ceilings (lib/domain/policy.ts): a stored policy that loosened one is brought back inside it, so that
-- every policy reads under the schema that now refuses it.
-- The mediation window: at most 30 days (SPC rules on online mediation, 2021); longer only per case, both sides agreeing.
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{mediationWindowDays}', '30')
  WHERE jsonb_typeof("policy"->'mediationWindowDays') = 'number' AND ("policy"->>'mediationWindowDays')::numeric > 30;
--> statement-breakpoint
-- A mediator's authority no wider than the supervisor's, setting by setting.
DO $$
DECLARE
  setting text;
BEGIN
  FOREACH setting IN ARRAY ARRAY['maxPenaltyWaivePct', 'maxCompoundWaivePct', 'maxInterestWaivePct', 'maxPrincipalWaivePct', 'maxRateReductionPct', 'maxPlanMonths'] LOOP
    UPDATE "creditors"
       SET "policy" = jsonb_set("policy", ARRAY['authority', 'mediator', setting], "policy" #> ARRAY['authority', 'supervisor', setting])
     WHERE jsonb_typeof("policy" #> ARRAY['authority', 'mediator', setting]) = 'number'
       AND jsonb_typeof("policy" #> ARRAY['authority', 'supervisor', setting]) = 'number'
       AND ("policy" #>> ARRAY['authority', 'mediator', setting])::numeric > ("policy" #>> ARRAY['authority', 'supervisor', setting])::numeric;
  END LOOP;
END $$;
