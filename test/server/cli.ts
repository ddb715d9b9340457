// Entry point of the standalone replay server (bundled to out/replay-server.js):
//   node out/replay-server.js [--port N] [--host H] [--seed S] [--live] [--end <unix-s|now>] [--days N] [--speed X]
// Prints exactly one line on stdout once listening:  REPLAY_URL=http://127.0.0.1:PORT
// Everything else goes to stderr. Exits 0 on SIGTERM / SIGINT after closing every connection.
//
// --end    chain "now" (default: the fixed 2026-11-25 end, deterministic; with --live: the wall clock)
// --days   expose only the last N days as indexed history (like a mempool with limited indexing)
// --speed  live mode: chain seconds per wall second (default 1)
// Steer it with the control API: POST /__control/fault {fault, paths?, count?, retryAfterS?},
// POST /__control/clear, POST /__control/mine {n}, GET /__control/requests, GET /__control/state.

import { generateChain } from './chain';
import { startReplayServer } from './replayServer';

function usage(msg: string): never {
  process.stderr.write(
    `${msg}\nusage: replay-server [--port N] [--host H] [--seed S] [--live] [--end <unix-s|now>] [--days N] [--speed X]\n`,
  );
  process.exit(2);
}

function parseArgs(argv: string[]): {
  port: number;
  host: string;
  seed: number | undefined;
  live: boolean;
  end: number | 'now' | undefined;
  days: number | undefined;
  speed: number | undefined;
} {
  const out = {
    port: 0,
    host: '127.0.0.1',
    seed: undefined as number | undefined,
    live: false,
    end: undefined as number | 'now' | undefined,
    days: undefined as number | undefined,
    speed: undefined as number | undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(`missing value for ${flag}`);
      return v;
    };
    const num = (v: string): number => {
      const n = Number(v);
      if (!Number.isFinite(n)) usage(`not a number for ${flag}: ${v}`);
      return n;
    };
    switch (flag) {
      case '--port':
        out.port = num(value());
        break;
      case '--host':
        out.host = value();
        break;
      case '--seed':
        out.seed = num(value());
        break;
      case '--live':
        out.live = true;
        break;
      case '--end': {
        const v = value();
        out.end = v === 'now' ? 'now' : num(v);
        break;
      }
      case '--days':
        out.days = num(value());
        break;
      case '--speed':
        out.speed = num(value());
        break;
      case '--help':
      case '-h':
        usage('Mining Economics replay server (mempool.space-shaped, synthetic data)');
        break;
      default:
        usage(`unknown argument ${arg}`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const end = args.end === 'now' || (args.end === undefined && args.live) ? Math.floor(Date.now() / 1000) : args.end;
  const started = Date.now();
  const chain = generateChain({ seed: args.seed, endTimeS: end, days: args.days });
  const server = await startReplayServer({
    host: args.host,
    port: args.port,
    chain,
    live: args.live,
    liveSpeed: args.speed,
  });
  process.stdout.write(`REPLAY_URL=${server.url}\n`);
  process.stderr.write(
    `replay server: seed ${chain.seed}, tip ${chain.tipHeight} at ${new Date(chain.tipTimeS * 1000).toISOString()}, ` +
      `${args.live ? 'live' : 'static'}, ready in ${Date.now() - started} ms\n`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`replay server: ${signal}, closing\n`);
    const force = setTimeout(() => process.exit(0), 3000);
    force.unref();
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`replay server failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
