import 'server-only';
import { sql, type SQL } from 'drizzle-orm';

/**
 * Several small reads of one page as one statement: each sub-select's rows as a JSON array (`jsonList`) or its first
 * row as a JSON object or null (`jsonRow`), the columns named by their aliases. One round trip instead of one per list;
 * PostgreSQL writes timestamps as ISO text and bigints as numbers, so the caller turns the timestamps back into instants.
 */
export const jsonList = (select: SQL) => sql`(select coalesce(json_agg(r), '[]'::json) from (${select}) r)`;
export const jsonRow = (select: SQL) => sql`(select row_to_json(r) from (${select}) r)`;
