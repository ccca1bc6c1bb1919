import { isIP } from 'node:net';

/**
 * The address a request came from, for rate limits and the audit trail
 * (ADR 0009). Next's server keeps the TCP peer's address only when the client
 * sent no X-Forwarded-For (it fills the header in with `??=`), so Concord's
 * own server (scripts/serve.mjs) copies the socket's address into
 * PEER_ADDRESS_HEADER on every request, over anything a client sent under
 * that name.
 *
 * With no trusted proxies (TRUSTED_PROXY_HOPS=0, the default) the client is
 * the TCP peer and X-Forwarded-For is ignored: a client writes what it likes
 * there. Behind N proxies, each appending the address it saw, the client is
 * the N-th address from the right of [X-Forwarded-For…, peer]; walking stops
 * at anything that is not an address, and never goes further left than N hops
 * (the entries further left are the client's own words).
 */
export const PEER_ADDRESS_HEADER = 'x-concord-peer-address';

/** Set by scripts/serve.mjs in the process whose requests it stamps. */
export const PEER_STAMP_ENV = 'CONCORD_PEER_STAMPED';

/** `::ffff:203.0.113.7` (an IPv4 client on a dual-stack socket) is 203.0.113.7. */
export function normalizeAddress(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  const bare = trimmed.replace(/^\[(.*)\]$/, '$1');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare)?.[1];
  const address = mapped ?? bare;
  return isIP(address) ? address.toLowerCase() : null;
}

export function clientAddress(input: { peer: string | null; forwardedFor: string | null }, trustedHops: number): string | null {
  let client = normalizeAddress(input.peer);
  if (!client || trustedHops <= 0) return client;
  const forwarded = (input.forwardedFor ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (let hop = 1; hop <= trustedHops && forwarded.length > 0; hop++) {
    const next = normalizeAddress(forwarded.pop());
    if (!next) break;
    client = next;
  }
  return client;
}
