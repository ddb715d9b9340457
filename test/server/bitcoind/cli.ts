// Standalone Bitcoin Core-shaped test node. Bundle, then run (esbuild.js can add it as a test entry):
//   npx esbuild test/server/bitcoind/cli.ts --bundle --platform=node --outfile=out/bitcoind-server.js
//   node out/bitcoind-server.js [--port N] [--host H] [--seed S] [--end <unix-s|now>] [--version 27..30]
//                                       [--datadir DIR] [--no-cookie] [--user NAME --password PW]
// Prints on stdout once listening:
//   BITCOIND_URL=http://127.0.0.1:PORT
//   BITCOIND_COOKIE=/path/to/.cookie        (omitted with --no-cookie)
// Everything else goes to stderr. Exits 0 on SIGTERM / SIGINT (deleting the cookie, as Core does).

import { generateChain } from '../chain';
import type { CoreVersion } from './methods';
import { startBitcoindServer } from './server';

function usage(msg: string): never {
  process.stderr.write(
    `${msg}\nusage: bitcoind-test [--port N] [--host H] [--seed S] [--end <unix-s|now>] [--version 27|28|29|30] [--datadir DIR] [--no-cookie] [--user NAME --password PW]\n`,
  );
  process.exit(2);
}

interface Args {
  port: number;
  host: string;
  seed?: number;
  end?: number;
  version: CoreVersion;
  dataDir?: string;
  cookie: boolean;
  user?: string;
  password?: string;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { port: 0, host: '127.0.0.1', version: 30, cookie: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => inline ?? argv[++i] ?? usage(`missing value for ${flag}`);
    const num = (v: string): number =>
      Number.isFinite(Number(v)) ? Number(v) : usage(`not a number for ${flag}: ${v}`);
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
      case '--end': {
        const v = value();
        out.end = v === 'now' ? Math.floor(Date.now() / 1000) : num(v);
        break;
      }
      case '--version': {
        const v = num(value());
        if (![27, 28, 29, 30].includes(v)) usage('--version must be 27, 28, 29 or 30');
        out.version = v as CoreVersion;
        break;
      }
      case '--datadir':
        out.dataDir = value();
        break;
      case '--no-cookie':
        out.cookie = false;
        break;
      case '--user':
        out.user = value();
        break;
      case '--password':
        out.password = value();
        break;
      case '--help':
      case '-h':
        usage('Mining Economics test node (Bitcoin Core JSON-RPC shape, synthetic chain)');
        break;
      default:
        usage(`unknown argument ${arg}`);
    }
  }
  if ((out.user === undefined) !== (out.password === undefined)) usage('--user and --password go together');
  if (!out.cookie && out.user === undefined) usage('--no-cookie needs --user and --password');
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const chain = generateChain({ seed: args.seed, endTimeS: args.end }).fork();
  const server = await startBitcoindServer({
    host: args.host,
    port: args.port,
    chain,
    version: args.version,
    cookie: args.cookie,
    dataDir: args.dataDir,
    users: args.user !== undefined ? [{ user: args.user, password: args.password! }] : [],
  });
  process.stdout.write(`BITCOIND_URL=${server.url}\n`);
  if (server.cookiePath !== null) process.stdout.write(`BITCOIND_COOKIE=${server.cookiePath}\n`);
  process.stderr.write(
    `bitcoind test node v${args.version}: tip ${chain.tipHeight} at ${new Date(chain.tipTimeS * 1000).toISOString()}\n`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`bitcoind test node: ${signal}, closing\n`);
    const force = setTimeout(() => process.exit(0), 3000);
    force.unref();
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`bitcoind test node failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
