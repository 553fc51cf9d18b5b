import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { activationLoad } from './activations.js';

type Load = Awaited<ReturnType<typeof activationLoad>>;

/**
 * `activationLoad` in a process of its own, so the load's client can be kept on the loaded side's
 * CPUs while this process measures the other side. `started` gets its pid once it runs.
 */
export function activationLoadProcess(
  base: string,
  productKey: string,
  clients: number,
  seconds: number,
  started: (pid: number) => Promise<void>,
): Promise<Load> {
  const child = fork(fileURLToPath(import.meta.url), [base, productKey, String(clients), String(seconds)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<Load>((resolve, reject) => {
    child.once('spawn', () => {
      if (child.pid) started(child.pid).catch(reject);
    });
    child.once('message', (m) => resolve(m as Load));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the activation load exited with ${code}`));
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const [base = '', productKey = '', clients = '8', seconds = '10'] = process.argv.slice(2);
  const load = await activationLoad(base, productKey, Number(clients), Number(seconds));
  process.send(load, () => process.exit(0));
}
