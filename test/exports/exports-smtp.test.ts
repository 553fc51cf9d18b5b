import { describe, expect, it } from 'vitest';
import { decodeMail as decode, serverWithSmtp } from '../helpers/smtp-server.js';

describe('background exports on a running server, mailed over a real SMTP server', () => {
  const served = serverWithSmtp();

  it('the server’s own worker runs a queued export; the ready mail reaches the user in their language (sv) with a link to Exports', async () => {
    const headers = await served.session('viewer@contoso.example');
    const base = `${served.server.url}/api/v1`;
    const queued = await fetch(`${base}/exports`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ kind: 'license-summary', format: 'xlsx', params: {} }),
    });
    expect(queued.status).toBe(202);
    const { id } = (await queued.json()) as { id: string };
    const mail = await served.sink.next(60_000);
    expect(mail.to).toEqual(['viewer@contoso.example']);
    const text = decode(mail.raw);
    expect(text).toContain('är klar');
    expect(text).toContain('http://portal.test/exports');
    const job = (await (await fetch(`${base}/exports/${id}`, { headers })).json()) as { state: string };
    expect(job.state).toBe('DONE');
    const file = await fetch(`${base}/exports/${id}/file`, { headers });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  }, 90_000);
});
