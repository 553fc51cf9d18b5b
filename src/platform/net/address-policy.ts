import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which network an IP address belongs to, for outbound requests to addresses a customer chose
 * (an organization's identity provider now, webhooks later). Pure: no DNS, no sockets.
 */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'shared' // carrier-grade NAT, 100.64.0.0/10
  | 'multicast'
  | 'unspecified'
  | 'reserved'; // documentation, benchmarking, future use, broadcast, discard, Teredo

/** Classes an operator may open with OUTBOUND_ALLOW_PRIVATE (a development machine, an intranet identity provider). */
const PRIVATE_CLASSES: readonly AddressClass[] = ['loopback', 'private', 'link-local', 'unique-local', 'shared'];

type Range4 = readonly [first: number, prefix: number, cls: AddressClass];

const v4 = (a: number, b: number, c: number, d: number) => ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;

/** Most specific first is not needed: the ranges do not overlap. */
const IPV4_RANGES: readonly Range4[] = [
  [v4(0, 0, 0, 0), 8, 'unspecified'], // "this network": 0.0.0.0 reaches the local host on Linux
  [v4(10, 0, 0, 0), 8, 'private'],
  [v4(100, 64, 0, 0), 10, 'shared'],
  [v4(127, 0, 0, 0), 8, 'loopback'],
  [v4(169, 254, 0, 0), 16, 'link-local'], // cloud metadata services live here
  [v4(172, 16, 0, 0), 12, 'private'],
  [v4(192, 0, 0, 0), 24, 'reserved'],
  [v4(192, 0, 2, 0), 24, 'reserved'],
  [v4(192, 88, 99, 0), 24, 'reserved'],
  [v4(192, 168, 0, 0), 16, 'private'],
  [v4(198, 18, 0, 0), 15, 'reserved'],
  [v4(198, 51, 100, 0), 24, 'reserved'],
  [v4(203, 0, 113, 0), 24, 'reserved'],
  [v4(224, 0, 0, 0), 4, 'multicast'],
  [v4(240, 0, 0, 0), 4, 'reserved'], // includes 255.255.255.255
];

function parseIPv4(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function classifyIPv4(n: number): AddressClass {
  for (const [first, prefix, cls] of IPV4_RANGES) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    if ((n & mask) >>> 0 === first) return cls;
  }
  return 'public';
}

/** Eight 16-bit groups: `::` expanded, a dotted IPv4 tail folded into the last two groups. */
function parseIPv6(address: string): number[] {
  let text = address;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const n = parseIPv4(text.slice(lastColon + 1));
    tail.push(n >>> 16, n & 0xffff);
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((x) => Number.parseInt(x, 16)));
  const [left = '', right] = text.split('::');
  if (right === undefined) return [...groups(left), ...tail];
  const l = groups(left);
  const r = groups(right);
  return [...l, ...new Array<number>(8 - l.length - r.length - tail.length).fill(0), ...r, ...tail];
}

const embeddedIPv4 = (hi: number, lo: number) => ((hi << 16) >>> 0) + lo;

function classifyIPv6(g: number[]): AddressClass {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g7 === 1) return 'loopback';
  // IPv4 carried in IPv6: mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d.
  if (zeroUpTo(5) && g5 === 0xffff) return classifyIPv4(embeddedIPv4(g6, g7));
  if (zeroUpTo(6)) return classifyIPv4(embeddedIPv4(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return classifyIPv4(embeddedIPv4(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'private'; // local-use NAT64 (RFC 8215)
  // 6to4 2002:aabb:ccdd::/48 routes to the IPv4 address aa.bb.cc.dd.
  if (g0 === 0x2002) return classifyIPv4(embeddedIPv4(g1, g2));
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'reserved'; // documentation
  if (g0 === 0x2001 && g1 === 0) return 'reserved'; // Teredo: the IPv4 end is hidden
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'reserved'; // discard
  return 'public';
}

/** The class of an IP address (IPv4, or IPv6 with or without a zone); anything else is not an address. */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return classifyIPv4(parseIPv4(bare));
  if (isIPv6(bare)) return classifyIPv6(parseIPv6(bare));
  throw new Error(`not an IP address: ${address}`);
}

/**
 * Why the server must not connect to this address, or null. Only public addresses are reachable
 * by default; `allowPrivate` (the operator's OUTBOUND_ALLOW_PRIVATE) opens loopback, private,
 * link-local, unique-local and shared ones. Unspecified, multicast and reserved addresses stay
 * closed either way: nothing legitimate listens there.
 */
export function addressRefusal(address: string, allowPrivate: boolean): AddressClass | null {
  const cls = classifyAddress(address);
  if (cls === 'public') return null;
  if (allowPrivate && PRIVATE_CLASSES.includes(cls)) return null;
  return cls;
}
