-- The contact window's widest end is 21:00, the stricter of GB/T 45251-2025 (22:00) and US Regulation F (21:00), as
-- DESIGN.md states the rule (lib/domain/policy.ts, LEGAL_CONTACT_WINDOW): a stored policy that ends later ends at 21:00.
UPDATE "creditors" SET "policy" = jsonb_set("policy", '{contact,windowEnd}', '"21:00"')
  WHERE jsonb_typeof("policy"->'contact'->'windowEnd') = 'string' AND ("policy"->'contact'->>'windowEnd') > '21:00';
