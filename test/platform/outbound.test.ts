import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AddressClass, addressRefusal, classifyAddress } from '../../src/platform/net/address-policy.js';
import { createOutbound, type Outbound, outboundRefusal } from '../../src/platform/net/outbound.js';

describe('outbound address policy (pure)', () => {
  const cases: [string, AddressClass][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fd00:ec2::254', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['2001:db8::1', 'reserved'],
    // IPv4 inside IPv6 is judged by the IPv4 address it reaches.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['2002:a00:1::1', 'private'],
    ['[::1]', 'loopback'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['::ffff:8.8.8.8', 'public'],
    ['2606:4700:4700::1111', 'public'],
  ];
  it.each(cases)('%s is %s', (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });

  it('only public addresses by default; the operator setting opens the private kinds, never multicast, unspecified or reserved', () => {
    expect(addressRefusal('8.8.8.8', false)).toBeNull();
    for (const a of ['127.0.0.1', '10.0.0.1', '169.254.169.254', 'fd00::1', '100.64.0.1', '::ffff:127.0.0.1']) {
      expect(addressRefusal(a, false), a).not.toBeNull();
      expect(addressRefusal(a, true), a).toBeNull();
    }
    for (const a of ['0.0.0.0', '::', '224.0.0.1', 'ff02::1', '255.255.255.255']) expect(addressRefusal(a, true), a).not.toBeNull();
  });
});

describe('the outbound client checks the address it connects to', () => {
  let server: http.Server;
  let port: number;
  const clients: Outbound[] = [];
  const client = (o: Parameters<typeof createOutbound>[0]) => {
    const c = createOutbound(o);
    clients.push(c);
    return c;
  };
  const refusalOf = async (o: Outbound, url: string) => {
    try {
      const res = await o.fetch(url);
      return `reached ${res.status}`;
    } catch (err) {
      const refused = outboundRefusal(err);
      return refused ? refused.addressClass : `other: ${String(err)}`;
    }
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/to-other-loopback') {
        res.writeHead(302, { location: `http://127.0.0.2:${port}/` });
        return res.end();
      }
      if (req.url === '/to-metadata') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        return res.end();
      }
      res.end('reached');
    });
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses literal loopback, IPv4-mapped, link-local and unique-local targets without connecting', async () => {
    const strict = client({ allowPrivate: false });
    expect(await refusalOf(strict, `http://127.0.0.1:${port}/`)).toBe('loopback');
    expect(await refusalOf(strict, `http://[::1]:${port}/`)).toBe('loopback');
    expect(await refusalOf(strict, `http://[::ffff:127.0.0.1]:${port}/`)).toBe('loopback');
    expect(await refusalOf(strict, 'http://169.254.169.254/latest/meta-data/')).toBe('link-local');
    expect(await refusalOf(strict, 'http://[fd00:ec2::254]/')).toBe('unique-local');
    expect(await refusalOf(strict, 'http://10.0.0.1/')).toBe('private');
    // The URL parser turns other spellings of 127.0.0.1 into it before the check.
    expect(await refusalOf(strict, `http://2130706433:${port}/`)).toBe('loopback');
    expect(await refusalOf(strict, `http://0x7f.1:${port}/`)).toBe('loopback');
    expect(await refusalOf(strict, 'file:///etc/passwd')).toBe('scheme');
  });

  it('refuses a host name that resolves to loopback (localhost), and one of whose addresses is private', async () => {
    const strict = client({ allowPrivate: false });
    expect(await refusalOf(strict, `http://localhost:${port}/`)).toBe('loopback');
    const mixed = client({
      allowPrivate: false,
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ],
    });
    expect(await refusalOf(mixed, 'http://mixed.example.test/')).toBe('private');
  });

  it('connects to the very address the check approved (no second lookup for a rebinding DNS server)', async () => {
    let lookups = 0;
    const pinned = client({
      allowPrivate: false,
      allowAddresses: ['127.0.0.1'],
      resolve: async () => {
        lookups++;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    // The name exists nowhere but in our resolver: reaching the server proves the socket used its answer.
    const res = await pinned.fetch(`http://idp.example.test:${port}/`);
    expect(await res.text()).toBe('reached');
    expect(lookups).toBe(1);
  });

  it('checks every hop of a redirect', async () => {
    const one = client({ allowPrivate: false, allowAddresses: ['127.0.0.1'] });
    expect(await refusalOf(one, `http://127.0.0.1:${port}/`)).toBe('reached 200');
    expect(await refusalOf(one, `http://127.0.0.1:${port}/to-other-loopback`)).toBe('loopback');
    expect(await refusalOf(one, `http://127.0.0.1:${port}/to-metadata`)).toBe('link-local');
  });

  it('with OUTBOUND_ALLOW_PRIVATE the private kinds are reached', async () => {
    const open = client({ allowPrivate: true });
    expect(await refusalOf(open, `http://localhost:${port}/`)).toBe('reached 200');
    expect(await refusalOf(open, `http://127.0.0.1:${port}/to-other-loopback`)).toBe('reached 200');
  });
});
