-- Custom SQL migration file, put your code below! --
-- Each loan's schedule moves from its installment rows into the loan's four schedule arrays, in the order of seq
-- (installment n becomes element n). The installments table is dropped by the migration after this one.
UPDATE loans l SET
  schedule_due_dates = s.due_dates,
  schedule_principal = s.principal,
  schedule_interest = s.interest,
  schedule_fees = s.fees
FROM (
  SELECT loan_id,
    array_agg(due_date ORDER BY seq) AS due_dates,
    array_agg(principal_due ORDER BY seq) AS principal,
    array_agg(interest_due ORDER BY seq) AS interest,
    array_agg(fees_due ORDER BY seq) AS fees
  FROM installments
  GROUP BY loan_id
) s
WHERE l.id = s.loan_id;
