import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** The nginx binary, or null where it is not installed (.ci/run installs it; a developer may not have). */
export function nginxBinary(): string | null {
  for (const candidate of ['/usr/sbin/nginx', 'nginx']) {
    if (spawnSync(candidate, ['-v'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return null;
}

export interface NginxOptions {
  /** nginx's own port on 127.0.0.1. */
  port: number;
  /** The node it proxies /api/ to. */
  upstreamPort: number;
  /** The blob store's folder (FILE_STORE_DIR): what the internal location sends. */
  storeDir: string;
  /** DOWNLOAD_ACCEL_REDIRECT. */
  accelPrefix: string;
  /** Also serve the store's folder at /direct/ to anyone: nginx alone, the benchmark's reference. */
  direct?: boolean;
}

/**
 * The configuration README's "Files" section shows, on loopback with its own temporary folders:
 * /api/ goes to the node, and the internal location sends the files the node names in
 * X-Accel-Redirect, with Range, If-Range and ETag handled by nginx.
 */
export function nginxConfig(o: NginxOptions, dir: string): string {
  const temp = (name: string) => path.join(dir, name);
  return `
worker_processes 1;
daemon off;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
${process.getuid?.() === 0 ? 'user root root;' : ''}
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  sendfile on;
  tcp_nopush on;
  default_type application/octet-stream;
  upstream lsc { server 127.0.0.1:${o.upstreamPort}; keepalive 32; }
  server {
    listen 127.0.0.1:${o.port};
    client_max_body_size 0;
    location /api/ {
      proxy_pass http://lsc;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_request_buffering off;
    }
    location ${o.accelPrefix} {
      internal;
      alias ${o.storeDir}/;
      add_header X-Checksum-Sha256 $upstream_http_x_checksum_sha256 always;
      add_header X-Content-Type-Options nosniff always;
    }
    ${o.direct ? `location /direct/ { alias ${o.storeDir}/; }` : ''}
  }
}
`;
}

/** nginx as a child process with that configuration; resolves once it answers. */
export async function startNginx(binary: string, o: NginxOptions) {
  const dir = await mkdtemp(path.join(tmpdir(), 'lsc-nginx-'));
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) await mkdir(path.join(dir, d));
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(conf, nginxConfig(o, dir));
  const child: ChildProcess = spawn(binary, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const url = `http://127.0.0.1:${o.port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    try {
      await fetch(`${url}/nothing-here`);
      break;
    } catch {
      if (i > 100) throw new Error(`nginx did not answer on ${url}: ${stderr}`);
      await delay(50);
    }
  }
  return {
    url,
    pid: child.pid,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
