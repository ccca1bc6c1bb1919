import { describe, expect, it } from 'vitest';
import { healthReport } from './check-health';

describe('the health endpoint', () => {
  it('in a deployment says only whether the portal can serve', () => {
    expect(healthReport({ database: 'up', latencyMs: 3 }, false)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(healthReport({ database: 'down', latencyMs: 2001 }, false)).toEqual({ status: 503, body: { status: 'unavailable' } });
  });

  it('in the demo adds the database and its latency', () => {
    expect(healthReport({ database: 'up', latencyMs: 3 }, true)).toEqual({ status: 200, body: { status: 'ok', database: 'up', latencyMs: 3 } });
  });
});
