import { NextResponse } from 'next/server';
import { getEnv } from '@/lib/env';
import { checkHealth } from '@/lib/server/system/check-health';

export const dynamic = 'force-dynamic';

/**
 * 200 when the database answers, 503 when it does not; load balancers poll it.
 * A deployment says only that (anyone can ask); the demo adds the database's state and latency.
 */
export async function GET() {
  const health = await checkHealth();
  const ok = health.database === 'up';
  const body = { status: ok ? 'ok' : 'unavailable', ...(getEnv().DEMO_MODE ? health : {}) };
  return NextResponse.json(body, { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
