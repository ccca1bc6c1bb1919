import { NextResponse } from 'next/server';
import { getEnv } from '@/lib/env';
import { checkHealth, healthReport } from '@/lib/server/system/check-health';

export const dynamic = 'force-dynamic';

/** 200 when the database answers, 503 when it does not; load balancers poll it. */
export async function GET() {
  const { status, body } = healthReport(await checkHealth(), getEnv().DEMO_MODE);
  return NextResponse.json(body, { status, headers: { 'cache-control': 'no-store' } });
}
