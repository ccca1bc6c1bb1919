-- Every query on cases is a page's: a count of a creditor's open cases (tens of thousands of index entries), a page of
-- 50, a case. For the count the planner starts two parallel workers, which nearly doubles the database's CPU for it
-- (starting them costs more than they save), and with ten requests at once there is no idle core for them anyway.
-- The queue used to switch them off per query (SET LOCAL, in a transaction of its own: three more round trips a
-- page); the table now says it once.
ALTER TABLE "cases" SET (parallel_workers = 0);
