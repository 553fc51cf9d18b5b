import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface IdpAccount {
  sub: string;
  email: string;
  given_name?: string;
  family_name?: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or changes an account in the identity provider's directory. */
  setAccount(account: IdpAccount): Promise<void>;
  /** Removes an account from the directory, as an organization does when someone leaves. */
  removeAccount(sub: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a real oidc-provider process (test/helpers/oidc-idp.ts) with one client for `redirectUri`. */
export async function startTestIdp(redirectUri: string): Promise<TestIdp> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'oidc-idp.ts');
  const clientId = 'lsc-test-client';
  const clientSecret = 'lsc-test-client-secret-0123456789abcdef';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', '--no-warnings', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, IDP_CLIENT_ID: clientId, IDP_CLIENT_SECRET: clientSecret, IDP_REDIRECT_URI: redirectUri },
  });
  // Its start-up warnings (development adapter and keys, Node 20) are expected; anything else is shown.
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
    if (!line.startsWith('oidc-provider WARNING')) process.stderr.write(`[oidc-idp] ${line}\n`);
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const issuer = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`oidc-idp exited with ${code}`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
  });
  const admin = async (method: string, sub: string, body?: object) => {
    const res = await fetch(`${issuer}/admin/accounts/${encodeURIComponent(sub)}`, {
      method,
      ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    if (res.status !== 204) throw new Error(`idp admin ${method} ${sub}: ${res.status}`);
  };
  return {
    issuer,
    clientId,
    clientSecret,
    setAccount: (a) => admin('PUT', a.sub, a),
    removeAccount: (sub) => admin('DELETE', sub),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A browser as far as a sign-in needs one: a cookie jar per origin and redirects followed by hand,
 * so the test sees every hop. `rewrite` maps the portal's public address to the test server.
 */
export class Browser {
  private readonly jars = new Map<string, Map<string, string>>();
  /** Every answer's Set-Cookie headers, by the address asked for (before rewriting). */
  readonly setCookies: { url: string; cookies: string[] }[] = [];
  constructor(private readonly rewrite: (url: URL) => URL = (u) => u) {}

  cookies(origin: string): Map<string, string> {
    let jar = this.jars.get(origin);
    if (!jar) {
      jar = new Map();
      this.jars.set(origin, jar);
    }
    return jar;
  }

  async request(url: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = this.rewrite(new URL(url));
    const jar = this.cookies(target.origin);
    const headers: Record<string, string> = {};
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(target, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.setCookies.push({ url: new URL(url).href, cookies: res.headers.getSetCookie() });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0/i.test(c) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
}

export interface SignInResult {
  /** The portal's final answer: the redirect to returnTo, or to /sign-in?error=… */
  location: string;
  /** Every address visited, in order (the callback among them). */
  hops: string[];
}

/**
 * Walks the authorization-code flow from the portal's start address: portal → provider → its
 * login page (posting `login=<email>`) → back to the portal's callback → the portal's answer.
 */
export async function signInThroughIdp(browser: Browser, startUrl: string, loginAs: string, portalOrigin: string): Promise<SignInResult> {
  const hops: string[] = [];
  let url = new URL(startUrl);
  for (let i = 0; i < 12; i++) {
    hops.push(url.href);
    const interaction = /^\/interaction\/([^/]+)$/.exec(url.pathname);
    const res = interaction
      ? await browser.request(new URL(`${url.pathname}/login`, url), { form: { login: loginAs } })
      : await browser.request(url);
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) {
      throw new Error(`sign-in stopped at ${url.href}: ${res.status} ${await res.text()}`);
    }
    // The callback's redirect is the portal's answer.
    if (url.origin === portalOrigin && url.pathname.endsWith('/auth/sso/callback')) return { location, hops };
    url = new URL(location, url);
  }
  throw new Error(`too many redirects: ${hops.join(' → ')}`);
}
