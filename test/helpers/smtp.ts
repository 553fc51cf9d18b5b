import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ReceivedMail {
  to: string[];
  from: string;
  raw: string;
}

/** Starts the smtp-sink process; `next()` resolves with the next mail it receives. */
export async function startSmtpSink() {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'smtp-sink.ts');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const received: ReceivedMail[] = [];
  const waiters: ((m: ReceivedMail) => void)[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`smtp-sink exited with ${code}`)));
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as { port?: number } & ReceivedMail;
      if (msg.port !== undefined) return resolve(msg.port);
      const w = waiters.shift();
      if (w) w(msg);
      else received.push(msg);
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    next(timeoutMs = 10_000): Promise<ReceivedMail> {
      const ready = received.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no mail arrived')), timeoutMs);
        waiters.push((m) => {
          clearTimeout(timer);
          resolve(m);
        });
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
