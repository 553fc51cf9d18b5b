import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { Agent } from 'undici';
import { type AddressClass, addressRefusal } from './address-policy.js';

/**
 * The one way the server makes a request to an address a customer chose (an organization's
 * OpenID provider; webhooks later). The check sits where the socket is opened, not on the URL's
 * text: a host name is resolved by our own lookup, every address it yields is checked, and the
 * socket connects to exactly those addresses (no second resolution a rebinding DNS server could
 * answer differently). A literal IP is checked before connecting. Every hop of a redirect opens
 * its connection through the same check.
 */

export class OutboundRefusedError extends Error {
  constructor(
    readonly host: string,
    readonly addressClass: AddressClass | 'scheme',
  ) {
    super(
      addressClass === 'scheme'
        ? `Only http and https addresses are reached (${host}).`
        : `${host} is an address of the ${addressClass} kind, which the server does not connect to.`,
    );
    this.name = 'OutboundRefusedError';
  }
}

/** The refusal somewhere in an error's cause chain (fetch wraps it in "fetch failed", libraries wrap that). */
export function outboundRefusal(err: unknown): OutboundRefusedError | null {
  for (let e = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundRefusedError) return e;
  }
  return null;
}

export type Resolver = (host: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

export interface OutboundOptions {
  /** OUTBOUND_ALLOW_PRIVATE: loopback, private, link-local, unique-local and shared addresses are reachable. */
  allowPrivate: boolean;
  /** How host names become addresses; the system resolver unless a test pins names. */
  resolve?: Resolver;
  /** Addresses reachable whatever their class (an exact match), e.g. one intranet host. */
  allowAddresses?: readonly string[];
  /** Connect timeout, milliseconds. */
  connectTimeoutMs?: number;
}

export type OutboundFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

export interface Outbound {
  fetch: OutboundFetch;
  /** Closes pooled connections (an app's shutdown). */
  close(): Promise<void>;
}

export function createOutbound(opts: OutboundOptions): Outbound {
  const resolve = opts.resolve ?? systemResolver;
  const refusal = (address: string) => (opts.allowAddresses?.includes(address) ? null : addressRefusal(address, opts.allowPrivate));

  const lookup: LookupFunction = (hostname, options, callback) => {
    resolve(hostname)
      .then((found) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = family ? found.filter((a) => a.family === family) : found;
        // Every answer is checked, not just the first: one bad address refuses the name.
        for (const a of usable) {
          const cls = refusal(a.address);
          if (cls) throw new OutboundRefusedError(hostname, cls);
        }
        const [first] = usable;
        if (!first) throw Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
        if (options.all) (callback as (e: null, a: LookupAddress[]) => void)(null, usable);
        else callback(null, first.address, first.family);
      })
      .catch((err: Error) => callback(err as NodeJS.ErrnoException, '', 0));
  };

  // undici is some 110 modules: loaded by the first outbound request, not by every server start (issue 17).
  let agent: Promise<Agent> | null = null;
  const dispatcher = () =>
    (agent ??= import('undici').then(({ Agent, buildConnector }) => {
      const connect = buildConnector({ lookup, timeout: opts.connectTimeoutMs ?? 10_000 });
      return new Agent({
        keepAliveTimeout: 4_000,
        connect(options, callback) {
          const host = options.hostname.replace(/^\[|\]$/g, '');
          if (isIP(host)) {
            const cls = refusal(host);
            if (cls) return callback(new OutboundRefusedError(host, cls), null);
          }
          connect(options, callback);
        },
      });
    }));

  return {
    async fetch(url, init) {
      const target = new URL(url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new OutboundRefusedError(target.href, 'scheme');
      const [{ fetch: undiciFetch }, through] = await Promise.all([import('undici'), dispatcher()]);
      // undici's fetch and the global one share the Fetch types; the casts bridge their declarations.
      return (await undiciFetch(target, { ...(init as object), dispatcher: through })) as unknown as Response;
    },
    close: async () => {
      if (agent) await (await agent).close();
    },
  };
}

const shared = new Map<boolean, Outbound>();

/** The process's outbound client for the deployment's policy (one connection pool per policy). */
export function outbound(allowPrivate: boolean): Outbound {
  let o = shared.get(allowPrivate);
  if (!o) {
    o = createOutbound({ allowPrivate });
    shared.set(allowPrivate, o);
  }
  return o;
}
