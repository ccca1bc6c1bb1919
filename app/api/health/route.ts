import { NextResponse } from 'next/server';
import { checkHealth } from '@/lib/server/system/check-health';

export const dynamic = 'force-dynamic';

/** 200 when the database answers, 503 when it does not; load balancers poll it. */
export async function GET() {
  const health = await checkHealth();
  const ok = health.database === 'up';
  return NextResponse.json({ status: ok ? 'ok' : 'unavailable', ...health }, { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
