-- Legal limits became ceilings in the creditor policy schema (lib/domain/policy.ts, issue 10): a stored policy that
-- loosened one would no longer validate. Bring each such value back to the law's limit; tighter values are kept.
-- The total-cost cap: at most 24 % a year (SPC 2017 opinion on financial adjudication, art. 2).
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{totalCostCapAnnualPct}', '24')
  WHERE jsonb_typeof("policy"->'totalCostCapAnnualPct') = 'number' AND ("policy"->>'totalCostCapAnnualPct')::numeric > 24;
--> statement-breakpoint
-- The contact window inside 08:00–22:00 (GB/T 45251-2025), never wrapping midnight (an overnight window gets the default).
UPDATE "creditors" SET "policy" = jsonb_set(jsonb_set("policy", '{contact,windowStart}', '"08:00"'), '{contact,windowEnd}', '"21:00"')
  WHERE ("policy"->'contact'->>'windowStart') >= ("policy"->'contact'->>'windowEnd');
--> statement-breakpoint
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{contact,windowStart}', '"08:00"') WHERE ("policy"->'contact'->>'windowStart') < '08:00';
--> statement-breakpoint
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{contact,windowEnd}', '"22:00"') WHERE ("policy"->'contact'->>'windowEnd') > '22:00';
--> statement-breakpoint
-- Calls: at most 3 effective conversations and 6 unanswered attempts a day (GB/T 45251-2025), 7 attempts in 7 days (Regulation F).
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{contact,maxEffectivePerDay}', '3')
  WHERE jsonb_typeof("policy"->'contact'->'maxEffectivePerDay') = 'number' AND ("policy"->'contact'->>'maxEffectivePerDay')::numeric > 3;
--> statement-breakpoint
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{contact,maxUnansweredAttemptsPerDay}', '6')
  WHERE jsonb_typeof("policy"->'contact'->'maxUnansweredAttemptsPerDay') = 'number' AND ("policy"->'contact'->>'maxUnansweredAttemptsPerDay')::numeric > 6;
--> statement-breakpoint
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{contact,maxAttemptsPer7Days}', '7')
  WHERE jsonb_typeof("policy"->'contact'->'maxAttemptsPer7Days') = 'number' AND ("policy"->'contact'->>'maxAttemptsPer7Days')::numeric > 7;
--> statement-breakpoint
-- A policy rate on an extension's months no higher than the cap.
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{extension,policyAnnualRatePpm}', '240000')
  WHERE jsonb_typeof("policy"->'extension'->'policyAnnualRatePpm') = 'number' AND ("policy"->'extension'->>'policyAnnualRatePpm')::numeric > 240000;
