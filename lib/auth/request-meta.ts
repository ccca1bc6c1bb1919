import 'server-only';
import { headers } from 'next/headers';
import type { RequestMeta } from '@/lib/server/actor';

type HeaderBag = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function read(bag: HeaderBag, name: string): string | null {
  if (typeof (bag as { get?: unknown }).get === 'function') return (bag as { get(name: string): string | null }).get(name);
  const value = (bag as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/**
 * The client address is the right-most X-Forwarded-For entry: the one added by
 * the nearest hop (Next's own server, or the load balancer), which a client cannot forge.
 */
export function metaFromHeaders(bag: HeaderBag): RequestMeta {
  const forwarded = read(bag, 'x-forwarded-for');
  const ip = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop() ?? read(bag, 'x-real-ip');
  return { ip: ip ?? null, userAgent: read(bag, 'user-agent'), requestId: read(bag, 'x-request-id') };
}

export async function currentRequestMeta(): Promise<RequestMeta> {
  return metaFromHeaders(await headers());
}
