import { webDist } from '../../src/platform/http/portal.js';
import { createTestApp, type TestAppOptions } from './app.js';

/** A real HTTP server on a fresh seeded database, serving the built portal (web/dist). */
export async function startTestServer(opts: TestAppOptions = {}) {
  const t = await createTestApp({ webRoot: webDist, ...opts });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app: t.app,
    database: t.database,
    config: t.config,
    given: t.given,
    as: t.as,
    close: () => t.close(),
  };
}
