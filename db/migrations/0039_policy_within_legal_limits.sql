-- Legal limits are ceilings (lib/domain/policy.ts): a stored policy that loosened one is brought back inside it, so that
-- every policy reads under the schema that now refuses it.
-- The mediation window: at most 30 days (SPC rules on online mediation, 2021); longer only per case, both sides agreeing.
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{mediationWindowDays}', '30')
  WHERE jsonb_typeof("policy"->'mediationWindowDays') = 'number' AND ("policy"->>'mediationWindowDays')::numeric > 30;
--> statement-breakpoint
-- A mediator's authority no wider than the supervisor's, setting by setting.
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{authority,mediator,maxPenaltyWaivePct}', "policy"#>'{authority,supervisor,maxPenaltyWaivePct}')
  WHERE jsonb_typeof("policy"#>'{authority,mediator,maxPenaltyWaivePct}') = 'number' AND jsonb_typeof("policy"#>'{authority,supervisor,maxPenaltyWaivePct}') = 'number'
    AND ("policy"#>>'{authority,mediator,maxPenaltyWaivePct}')::numeric > ("policy"#>>'{authority,supervisor,maxPenaltyWaivePct}')::numeric;
--> statement-breakpoint
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{authority,mediator,maxCompoundWaivePct}', "policy"#>'{authority,supervisor,maxCompoundWaivePct}')
  WHERE jsonb_typeof("policy"#>'{authority,mediator,maxCompoundWaivePct}') = 'number' AND jsonb_typeof("policy"#>'{authority,supervisor,maxCompoundWaivePct}') = 'number'
    AND ("policy"#>>'{authority,mediator,maxCompoundWaivePct}')::numeric > ("policy"#>>'{authority,supervisor,maxCompoundWaivePct}')::numeric;
--> statement-breakpoint
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{authority,mediator,maxInterestWaivePct}', "policy"#>'{authority,supervisor,maxInterestWaivePct}')
  WHERE jsonb_typeof("policy"#>'{authority,mediator,maxInterestWaivePct}') = 'number' AND jsonb_typeof("policy"#>'{authority,supervisor,maxInterestWaivePct}') = 'number'
    AND ("policy"#>>'{authority,mediator,maxInterestWaivePct}')::numeric > ("policy"#>>'{authority,supervisor,maxInterestWaivePct}')::numeric;
--> statement-breakpoint
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{authority,mediator,maxPrincipalWaivePct}', "policy"#>'{authority,supervisor,maxPrincipalWaivePct}')
  WHERE jsonb_typeof("policy"#>'{authority,mediator,maxPrincipalWaivePct}') = 'number' AND jsonb_typeof("policy"#>'{authority,supervisor,maxPrincipalWaivePct}') = 'number'
    AND ("policy"#>>'{authority,mediator,maxPrincipalWaivePct}')::numeric > ("policy"#>>'{authority,supervisor,maxPrincipalWaivePct}')::numeric;
--> statement-breakpoint
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{authority,mediator,maxRateReductionPct}', "policy"#>'{authority,supervisor,maxRateReductionPct}')
  WHERE jsonb_typeof("policy"#>'{authority,mediator,maxRateReductionPct}') = 'number' AND jsonb_typeof("policy"#>'{authority,supervisor,maxRateReductionPct}') = 'number'
    AND ("policy"#>>'{authority,mediator,maxRateReductionPct}')::numeric > ("policy"#>>'{authority,supervisor,maxRateReductionPct}')::numeric;
--> statement-breakpoint
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{authority,mediator,maxPlanMonths}', "policy"#>'{authority,supervisor,maxPlanMonths}')
  WHERE jsonb_typeof("policy"#>'{authority,mediator,maxPlanMonths}') = 'number' AND jsonb_typeof("policy"#>'{authority,supervisor,maxPlanMonths}') = 'number'
    AND ("policy"#>>'{authority,mediator,maxPlanMonths}')::numeric > ("policy"#>>'{authority,supervisor,maxPlanMonths}')::numeric;
