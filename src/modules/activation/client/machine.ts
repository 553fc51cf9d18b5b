import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * A stable identifier of this machine: a hash of the OS's machine id (systemd's /etc/machine-id,
 * which a cloned virtual machine regenerates) and the host name. Only the hash leaves the machine.
 */
export function machineFingerprint(): string {
  let machineId = '';
  for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    try {
      machineId = readFileSync(file, 'utf8').trim();
      if (machineId) break;
    } catch {
      // not this file; try the next
    }
  }
  return createHash('sha256').update(`${machineId}\n${os.hostname()}`).digest('hex');
}

export const machineHostname = () => os.hostname().slice(0, 253);
