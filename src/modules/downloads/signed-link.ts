import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

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

/**
 * Short-lived download links that need no session, so a download manager or `curl` can fetch a
 * file: an HMAC-SHA256 over file, user, method and expiry under a key derived from
 * KEY_ENCRYPTION_KEY (its own HKDF label, so it opens nothing else). The signature is checked
 * before the expiry, so a tampered link says "invalid", never "expired".
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
      if (!/^\d{1,12}$/.test(expires) || !UUID.test(user) || !(DOWNLOAD_METHODS as readonly string[]).includes(method)) {
        return { ok: false, code: 'LINK_INVALID' };
      }
      const claims: LinkClaims = { fileId, userId: user, method: method as DownloadMethod, expires: Number(expires) };
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(claims);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, code: 'LINK_INVALID' };
      if (claims.expires * 1000 <= now.getTime()) return { ok: false, code: 'LINK_EXPIRED' };
      return { ok: true, claims };
    },
  };
}

export type LinkSigner = ReturnType<typeof createLinkSigner>;
