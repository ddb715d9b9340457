/**
 * The replay server (test/server, synthetic mempool-shaped chain) as a
 * separate process, the way a user's mempool instance is one: started from
 * its CLI bundle, steered over its HTTP control API, and read over HTTP like
 * the extension reads it. Tests compute what the UI must show from these
 * responses (see expected.ts), never from the extension's code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { e2ePaths, waitUntil } from './harness';

/** The CLI bundle: E2E_REPLAY_SERVER_JS, else the one scripts/e2e/run.sh builds, else out/replay-server.js (esbuild.js --tests). */
export function replayServerScript(): string {
  const root = e2ePaths().repoRoot;
  const candidates = [
    process.env.E2E_REPLAY_SERVER_JS,
    path.join(root, '.cache', 'e2e', 'bundles', 'replay-server.js'),
    path.join(root, 'out', 'replay-server.js'),
  ].filter((p): p is string => !!p);
  const hit = candidates.find((p) => fs.existsSync(p));
  if (!hit)
    throw new Error(
      `replay server bundle not found (tried ${candidates.join(', ')}): run scripts/e2e/run.sh or node esbuild.js --tests`,
    );
  return hit;
}

export interface HttpResult {
  status: number;
  body: string;
}

export function httpRequest(
  url: string,
  { method = 'GET', body, timeoutMs = 15_000 }: { method?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      {
        method,
        timeout: timeoutMs,
        headers: data ? { 'content-type': 'application/json', 'content-length': data.length } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(data);
  });
}

export interface ReplayState {
  tipHeight: number;
  tipTimeS: number;
  nowS: number;
  requestCount: number;
  faults: unknown[];
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  status: number;
  timeMs: number;
  fault: string | null;
}

export interface ReplayProcess {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** What the hover names as the source: 127.0.0.1:PORT. */
  host: string;
  pid: number;
  /** GET an API path and parse JSON (fails on a non-200). */
  json<T>(apiPath: string): Promise<T>;
  text(apiPath: string): Promise<string>;
  fault(
    fault: string,
    opts?: { paths?: string; pathsRegex?: string; count?: number; retryAfterS?: number },
  ): Promise<void>;
  clear(): Promise<void>;
  mine(n: number, intervalS?: number): Promise<{ tipHeight: number; tipTimeS: number }>;
  state(): Promise<ReplayState>;
  requests(since?: number): Promise<RequestLogEntry[]>;
  /** stderr so far (the server's own log). */
  logs(): string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
let hookInstalled = false;
function installHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  process.on('exit', () => {
    for (const c of live) if (c.pid) killGroup(c.pid, 'SIGKILL');
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* gone */
  }
}

/**
 * Starts `node <replay-server.js> --port P <args>` in its own process group.
 * Default args: `--end now` (a static chain whose tip is the current time, so
 * dates look current; "now" stays frozen until blocks are mined).
 */
export async function startReplay({
  port = 0,
  args = ['--end', 'now'],
}: { port?: number; args?: string[] } = {}): Promise<ReplayProcess> {
  installHook();
  const script = replayServerScript();
  const child = spawn(process.execPath, [script, '--port', String(port), ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  let err = '';
  let exited: string | undefined;
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-200_000)));
  child.on('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
    live.delete(child);
  });
  const url = await waitUntil(() => /REPLAY_URL=(\S+)/.exec(out)?.[1], {
    timeoutMs: 60_000,
    intervalMs: 50,
    what: 'REPLAY_URL from the replay server',
    failIf: () => (exited ? `replay server ${exited}: ${err}` : undefined),
  }).catch(async (e: Error) => {
    if (child.pid) killGroup(child.pid, 'SIGKILL');
    throw e;
  });
  const actualPort = Number(new URL(url).port);
  const control = async (action: string, body?: unknown): Promise<unknown> => {
    const r = await httpRequest(`${url}/__control/${action}`, body === undefined ? {} : { method: 'POST', body });
    if (r.status !== 200) throw new Error(`replay control ${action}: HTTP ${r.status} ${r.body}`);
    return JSON.parse(r.body) as unknown;
  };
  const get = async (apiPath: string): Promise<string> => {
    const r = await httpRequest(`${url}${apiPath}`);
    if (r.status !== 200) throw new Error(`GET ${apiPath}: HTTP ${r.status} ${r.body.slice(0, 200)}`);
    return r.body;
  };
  let stopped = false;
  return {
    url,
    port: actualPort,
    host: `127.0.0.1:${actualPort}`,
    pid: child.pid!,
    json: async <T>(p: string) => JSON.parse(await get(p)) as T,
    text: get,
    async fault(fault, opts = {}) {
      await control('fault', { fault, ...opts });
    },
    async clear() {
      await control('clear', {});
    },
    async mine(n, intervalS) {
      return (await control('mine', intervalS === undefined ? { n } : { n, intervalS })) as {
        tipHeight: number;
        tipTimeS: number;
      };
    },
    state: async () => (await control('state')) as ReplayState,
    requests: async (since = 0) => (await control(`requests?since=${since}`)) as RequestLogEntry[],
    logs: () => err,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (exited) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      killGroup(child.pid!, 'SIGTERM');
      const t = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 5_000);
      await gone;
      clearTimeout(t);
    },
  };
}
