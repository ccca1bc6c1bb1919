import 'server-only';
import { headers } from 'next/headers';
import { getEnv } from '@/lib/env';
import { PEER_ADDRESS_HEADER, PEER_STAMP_ENV, clientAddress } from '@/lib/http/client-address';
import type { RequestMeta } from '@/lib/server/actor';
import { logger } from '@/lib/server/logger';

type HeaderBag = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function read(bag: HeaderBag, name: string): string | null {
  if (typeof (bag as { get?: unknown }).get === 'function') return (bag as { get(name: string): string | null }).get(name);
  const value = (bag as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

let warned = false;

/**
 * The TCP peer, as Concord's server stamped it. Served some other way (a bare
 * `next start`), the peer is unknown whenever the client sent its own
 * X-Forwarded-For: Next then keeps the client's header instead of the socket's
 * address. The right-most entry is the best left, and the logs say so once.
 */
function peerOf(bag: HeaderBag): string | null {
  // "<address> <token>": the token only lets the server recognise its own stamp.
  if (process.env[PEER_STAMP_ENV] === '1') return read(bag, PEER_ADDRESS_HEADER)?.split(' ')[0] ?? null;
  if (!warned) {
    warned = true;
    logger.warn('client addresses are not taken from the socket: serve the app with `npm start` (scripts/serve.mjs), not `next start`');
  }
  return read(bag, 'x-forwarded-for')?.split(',').pop() ?? null;
}

/** Who is asking, from where (ADR 0009): the client address from the socket, or from the declared proxies. */
export function metaFromHeaders(bag: HeaderBag): RequestMeta {
  const ip = clientAddress({ peer: peerOf(bag), forwardedFor: read(bag, 'x-forwarded-for') }, getEnv().TRUSTED_PROXY_HOPS);
  return { ip, userAgent: read(bag, 'user-agent'), requestId: read(bag, 'x-request-id') };
}

export async function currentRequestMeta(): Promise<RequestMeta> {
  return metaFromHeaders(await headers());
}
