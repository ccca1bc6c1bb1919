import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@/db/embedded';
const cluster = await startEmbeddedPostgres({ dir: path.resolve('.bench-data'), port: 54398 });
const c = new pg.Client({ connectionString: cluster.url });
await c.connect();
const days = `extract(epoch from (signed_at - opened_at)) / 86400.0`;
const kept = (m: number) => `count(*) filter (where signed_at is not null and signed_at + make_interval(months => ${m}) <= now()) as e${m}, count(*) filter (where signed_at is not null and signed_at + make_interval(months => ${m}) <= now() and (breached_at is null or breached_at > signed_at + make_interval(months => ${m}))) as k${m}`;
const q1 = `select count(*), count(engaged_at), count(hardship_at), count(offered_at), count(signed_at), count(concluded_at), count(resolved_at),
 count(*) filter (where resolved_at is not null and not staff_contact), count(*) filter (where signed_at is not null and breached_at is not null),
 percentile_cont(0.5) within group (order by ${days}), percentile_cont(0.9) within group (order by ${days}), avg(${days}),
 coalesce(sum(restructured),0), coalesce(sum(waived),0), coalesce(sum(recovered),0), ${kept(3)}, ${kept(6)}, ${kept(12)},
 count(*) filter (where outcome='paid_in_full'), count(*) filter (where outcome='no_agreement') from case_facts`;
const q2 = `select floor((date_part('epoch', opened_at) - 316800) / 604800)::int, count(*), count(engaged_at), count(signed_at) from case_facts group by 1 order by 1`;
const q3 = `select to_char(signed_at at time zone 'Asia/Shanghai', 'YYYY-MM'), count(*), ${kept(3)}, ${kept(6)}, ${kept(12)}, count(breached_at) from case_facts where signed_at is not null group by 1 order by 1`;
for (const q of [q1, q2, q3]) {
  for (let i = 0; i < 2; i++) await c.query(q);
  const t = Date.now(); await c.query(q); console.log('ms', Date.now() - t);
  const r = await c.query(`explain (analyze, buffers) ${q}`);
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
}
console.log((await c.query(`select count(*), pg_size_pretty(pg_total_relation_size('case_facts')) from case_facts`)).rows);
console.log((await c.query(`show work_mem`)).rows, (await c.query(`show max_parallel_workers_per_gather`)).rows, (await c.query(`show jit`)).rows);
await c.end();
await cluster.stop();
