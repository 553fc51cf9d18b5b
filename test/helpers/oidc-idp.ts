/**
 * An organization's identity provider in its own process: a real `oidc-provider` with one
 * confidential client and an in-memory directory of accounts that the test changes through a tiny
 * admin API. Prints `{ port, issuer }` as the first line on stdout.
 *
 * Configured by the environment: IDP_CLIENT_ID, IDP_CLIENT_SECRET, IDP_REDIRECT_URI.
 *
 * Interactions are completed by posting `login=<e-mail>` to /interaction/:uid/login. An address
 * that is not in the directory ends the interaction with `access_denied` (back to the client), as
 * an organization's directory does for a removed employee. Consent is implied for this one
 * first-party client.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
// @ts-expect-error oidc-provider ships no type declarations
import Provider from 'oidc-provider';

interface Account {
  sub: string;
  email: string;
  given_name?: string;
  family_name?: string;
}

interface OidcContext {
  oidc: {
    result?: { consent?: { grantId?: string } };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    client: { clientId: string };
    provider: { Grant: GrantClass };
  };
}
interface Grant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface GrantClass {
  new (props: { clientId: string; accountId: string }): Grant;
  find(id: string): Promise<Grant | undefined>;
}
interface InteractionDetails {
  prompt: { name: string };
}
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: object, opts?: object): Promise<void>;
}

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const accounts = new Map<string, Account>();
const bySub = (sub: string) => accounts.get(sub);
const byEmail = (email: string) => [...accounts.values()].find((a) => a.email.toLowerCase() === email.trim().toLowerCase());

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json') {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const issuer = `http://127.0.0.1:${port}`;
  const provider: OidcProvider = new Provider(issuer, {
    clients: [
      {
        client_id: env('IDP_CLIENT_ID'),
        client_secret: env('IDP_CLIENT_SECRET'),
        redirect_uris: [env('IDP_REDIRECT_URI')],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    cookies: { keys: ['test-idp-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, sub: string) {
      const account = bySub(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ ...account, email_verified: true }),
      };
    },
    // One first-party client: consent is implied, as an organization's own sign-in page does.
    async loadExistingGrant(ctx: OidcContext) {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  const oidc = provider.callback();

  server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? '/', issuer);
      const account = /^\/admin\/accounts\/([^/]+)$/.exec(url.pathname);
      if (account?.[1]) {
        const sub = decodeURIComponent(account[1]);
        if (req.method === 'PUT') {
          accounts.set(sub, { ...(JSON.parse(await readBody(req)) as Omit<Account, 'sub'>), sub });
          return send(res, 204, '');
        }
        if (req.method === 'DELETE') {
          accounts.delete(sub);
          return send(res, 204, '');
        }
      }
      const login = /^\/interaction\/([^/]+)\/login$/.exec(url.pathname);
      if (login && req.method === 'POST') {
        await provider.interactionDetails(req, res);
        const form = new URLSearchParams(await readBody(req));
        const found = byEmail(form.get('login') ?? '');
        const result = found
          ? { login: { accountId: found.sub } }
          : { error: 'access_denied', error_description: 'The account is not in the directory.' };
        return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      }
      const page = /^\/interaction\/([^/]+)$/.exec(url.pathname);
      if (page && req.method === 'GET') {
        const details = await provider.interactionDetails(req, res);
        return send(
          res,
          200,
          `<!doctype html><form method="post" action="${url.pathname}/login"><input name="login"><button>${details.prompt.name}</button></form>`,
          'text/html',
        );
      }
      return oidc(req, res);
    } catch (err) {
      send(res, 500, { error: String(err) });
    }
  });
  process.stdout.write(`${JSON.stringify({ port, issuer })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
