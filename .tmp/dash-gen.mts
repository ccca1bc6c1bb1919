import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@/db/embedded';
const cluster = await startEmbeddedPostgres({ dir: path.resolve('.bench-data'), port: 54398 });
const c = new pg.Client({ connectionString: cluster.url });
await c.connect();
await c.query('begin');
await c.query(`create function pg_temp.x() returns int language sql as 'select 1'`);
await c.query(`create or replace function concord_epoch(t timestamptz) returns double precision language sql immutable parallel safe as 'select extract(epoch from t)::double precision'`);
await c.query(`alter table case_facts add column opened_week int generated always as (floor((concord_epoch(opened_at) - 316800) / 604800)::int) stored,
  add column signed_month int generated always as ((extract(year from (signed_at at time zone 'Asia/Shanghai'))::int * 12 + extract(month from (signed_at at time zone 'Asia/Shanghai'))::int - 1)) stored,
  add column days_to_sign double precision generated always as ((concord_epoch(signed_at) - concord_epoch(opened_at)) / 86400.0) stored`).catch(async (e) => { console.log('ERR', e.message); });
await c.query('analyze case_facts');
const kept = (m: number) => `count(*) filter (where signed_at + make_interval(months => ${m}) <= now()) as e${m}, count(*) filter (where signed_at + make_interval(months => ${m}) <= now() and (breached_at is null or breached_at > signed_at + make_interval(months => ${m}))) as k${m}`;
const q1 = `select count(*), count(engaged_at), count(hardship_at), count(offered_at), count(signed_at), count(concluded_at), count(resolved_at),
 count(*) filter (where resolved_at is not null and not staff_contact), count(*) filter (where signed_at is not null and breached_at is not null),
 percentile_cont(array[0.5, 0.9]) within group (order by days_to_sign), avg(days_to_sign),
 coalesce(sum(restructured),0), coalesce(sum(waived),0), coalesce(sum(recovered),0), 
 count(*) filter (where outcome='paid_in_full'), count(*) filter (where outcome='no_agreement') from case_facts`;
const q2 = `select opened_week, count(*), count(engaged_at), count(signed_at) from case_facts group by 1 order by 1`;
const q3 = `select signed_month, count(*), ${kept(3)}, ${kept(6)}, ${kept(12)}, count(breached_at) from case_facts where signed_at is not null group by 1 order by 1`;
for (const q of [q1, q2, q3]) {
  for (let i = 0; i < 2; i++) await c.query(q);
  const t = Date.now(); await c.query(q); console.log('ms', Date.now() - t);
  const r = await c.query(`explain (analyze) ${q}`);
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
}
await c.query('rollback');
await c.end();
await cluster.stop();
