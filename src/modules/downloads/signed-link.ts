import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { decodeCanonicalBase64url } from '../../platform/base64url.js';

export const DOWNLOAD_METHODS = ['BROWSER', 'MANAGER'] as const;
export type DownloadMethod = (typeof DOWNLOAD_METHODS)[number];

export interface LinkClaims {
  fileId: string;
  userId: string;
  method: DownloadMethod;
  /** Unix seconds. */
  expires: number;
}

/** The query string a signed link carries. */
export interface LinkQuery {
  expires?: string;
  user?: string;
  method?: string;
  signature?: string;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; code: 'LINK_INVALID' | 'LINK_EXPIRED' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Unix seconds as `sign` writes them: no sign, no leading zero. */
const EXPIRES = /^(?:0|[1-9]\d{0,11})$/;

/**
 * Short-lived download links that need no session, so a download manager or `curl` can fetch a
 * file: an HMAC-SHA256 over file, user, method and expiry under a key derived from
 * KEY_ENCRYPTION_KEY (its own HKDF label, so it opens nothing else). The signature is checked
 * before the expiry, so a tampered link says "invalid", never "expired". A link holds only as
 * `sign` spelled it: every other spelling of the same expiry or signature (a leading zero, a
 * changed unused bit, padding, `+` for `-`) is a different link, and invalid.
 */
export function createLinkSigner(keyEncryptionKey: Buffer) {
  const key = Buffer.from(hkdfSync('sha256', keyEncryptionKey, Buffer.alloc(0), 'lsc download-link v1', 32));
  const mac = (c: LinkClaims) => createHmac('sha256', key).update(`${c.fileId}\n${c.userId}\n${c.method}\n${c.expires}`).digest();

  return {
    sign(claims: LinkClaims): string {
      const q = new URLSearchParams({
        expires: String(claims.expires),
        user: claims.userId,
        method: claims.method,
        signature: mac(claims).toString('base64url'),
      });
      return q.toString();
    },

    verify(fileId: string, q: LinkQuery, now: Date): LinkCheck {
      const { expires, user, method, signature } = q;
      if (!expires || !user || !method || !signature) return { ok: false, code: 'LINK_INVALID' };
      if (!EXPIRES.test(expires) || !UUID.test(user) || !(DOWNLOAD_METHODS as readonly string[]).includes(method)) {
        return { ok: false, code: 'LINK_INVALID' };
      }
      const claims: LinkClaims = { fileId, userId: user, method: method as DownloadMethod, expires: Number(expires) };
      const given = decodeCanonicalBase64url(signature);
      const expected = mac(claims);
      if (!given || given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, code: 'LINK_INVALID' };
      if (claims.expires * 1000 <= now.getTime()) return { ok: false, code: 'LINK_EXPIRED' };
      return { ok: true, claims };
    },
  };
}

export type LinkSigner = ReturnType<typeof createLinkSigner>;
