import { createHash, timingSafeEqual } from 'node:crypto';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (a dual-stack socket reports ::ffff:127.0.0.1). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Equal strings, compared in a time that does not depend on where they differ (both are hashed to one length first). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export interface ScrapeRequest {
  /** The socket's peer: never a forwarded-for header, which any client can write. */
  remoteAddress: string | undefined;
  authorization: string | undefined;
  /** A proxy on this machine would make every client look local: a forwarded request is not. */
  forwarded: boolean;
}

/**
 * Who may read /metrics: with METRICS_TOKEN set, whoever sends `Authorization: Bearer <token>`;
 * without it, only a scraper on this machine that came straight to the node (not through a proxy).
 */
export function mayScrape(req: ScrapeRequest, token: string | undefined): boolean {
  if (token) {
    const given = /^Bearer (.+)$/i.exec(req.authorization ?? '')?.[1];
    return given !== undefined && sameSecret(given, token);
  }
  return !req.forwarded && isLoopback(req.remoteAddress);
}
