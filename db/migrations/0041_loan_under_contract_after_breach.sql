-- A broken plan ends the extension it gave (lib/server/plans/start-plan.ts, putLoanUnderContract): the loan goes back
-- under its contract, as its arrears already are. Loans whose latest executed agreement was broken, with no agreement
-- executed since, get the maturity that agreement found and no longer count the months it extended.
WITH "latest" AS (
  SELECT DISTINCT ON (c."loan_id") c."loan_id", a."snapshot", a."plan_breached_at"
    FROM "agreements" AS a
    JOIN "cases" AS c ON c."id" = a."case_id"
   WHERE a."status" = 'executed'
   ORDER BY c."loan_id", a."executed_at" DESC
)
UPDATE "loans" AS l
   SET "status" = 'delinquent',
       "maturity_date" = ("latest"."snapshot" -> 'loan' ->> 'maturityDate')::date,
       "extended_months" = greatest(l."extended_months" - coalesce(("latest"."snapshot" -> 'terms' ->> 'extensionMonths')::int, 0), 0)
  FROM "latest"
 WHERE "latest"."loan_id" = l."id" AND l."status" = 'restructured' AND "latest"."plan_breached_at" IS NOT NULL;
