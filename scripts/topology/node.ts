import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One `lsc start` process of the topology; it can be stopped, killed and started again on its port. */
export interface LscNode {
  name: string;
  port: number;
  url: string;
  readonly child: ChildProcess | undefined;
  /** Its standard error, kept for failure messages. */
  log(): string;
  start(): Promise<void>;
  /** SIGTERM: the node drains (SHUTDOWN_DELAY_SECONDS, SHUTDOWN_GRACE_SECONDS) and exits; answers its exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash, nothing drains. */
  kill(): Promise<void>;
}

/** GET /api/health/ready answers 200. */
export const isReady = (url: string) =>
  fetch(`${url}/api/health/ready`, { headers: { connection: 'close' } }).then(
    (r) => r.ok,
    () => false,
  );

export function lscNode(name: string, port: number, env: Record<string, string>, output: 'inherit' | 'quiet' = 'quiet'): LscNode {
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(null);
  let log = '';
  const url = `http://127.0.0.1:${port}`;
  return {
    name,
    port,
    url,
    get child() {
      return child;
    },
    log: () => log,
    async start() {
      log = '';
      const c = spawn(process.execPath, [path.join(root, 'bin/lsc.mjs'), 'start'], {
        cwd: root,
        env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
        stdio: ['ignore', 'ignore', 'pipe'],
        // Its own process group: Ctrl-C in the terminal reaches the topology script, which stops the nodes in order.
        detached: true,
      });
      child = c;
      exited = new Promise((resolve) => c.once('exit', (code) => resolve(code)));
      c.stderr?.on('data', (b: Buffer) => {
        log = (log + b.toString()).slice(-20_000);
        if (output === 'inherit') process.stderr.write(`[${name}] ${b.toString()}`);
      });
      const until = Date.now() + 120_000;
      while (Date.now() < until) {
        if (c.exitCode !== null) throw new Error(`${name} exited with ${c.exitCode} while starting:\n${log}`);
        if (await isReady(url)) return;
        await sleep(100);
      }
      throw new Error(`${name} was not ready within 120 s:\n${log}`);
    },
    async stop() {
      if (!child || child.exitCode !== null) return child?.exitCode ?? null;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (!child || child.exitCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
