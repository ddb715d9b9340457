// The failure vocabulary of a Bitcoin Core source, shared by the RPC client (src/net/jsonRpc.ts) and the
// node-state classifier. Every message is written for the user and names what was tried (URL, cookie path,
// user name) but never a secret: the client builds messages only from these functions.
import { oneLine } from '../../errors';

/** JSON-RPC error codes we act on (Core's src/rpc/protocol.h). */
export const RPC_CODES = {
  miscError: -1,
  typeError: -3,
  invalidAddressOrKey: -5,
  invalidParameter: -8,
  clientInInitialDownload: -10,
  inWarmup: -28,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  parseError: -32700,
} as const;

export type BitcoindErrorKind =
  | 'config' // the URL or credentials settings are unusable (nothing was sent)
  | 'unreachable' // connection refused, DNS, reset, TLS
  | 'timeout' // the per-call deadline ran out
  | 'unauthorized' // HTTP 401 (after re-reading the cookie once)
  | 'forbidden' // HTTP 403: -rpcwhitelist does not allow the method
  | 'cookieUnreadable' // the cookie file is missing, unreadable or malformed
  | 'warmingUp' // RPC -28
  | 'busy' // HTTP 503 work queue depth exceeded
  | 'methodNotFound' // RPC -32601: this node version lacks the method
  | 'pruned' // RPC -1 on getblockstats: block or undo data pruned
  | 'notFound' // RPC -5: no such block
  | 'invalidParameter' // RPC -8: height out of range, bad nblocks
  | 'rpc' // any other RPC error
  | 'http' // another HTTP status without a JSON-RPC body
  | 'tooLarge' // the response exceeded the size cap
  | 'invalid'; // the reply is not JSON-RPC, or its result has the wrong shape

export interface BitcoindErrorDetails {
  readonly method?: string;
  readonly rpcCode?: number;
  readonly httpStatus?: number;
}

export class BitcoindError extends Error {
  constructor(
    readonly kind: BitcoindErrorKind,
    message: string,
    readonly details: BitcoindErrorDetails = {},
  ) {
    super(message);
    this.name = 'BitcoindError';
  }
}

/** By shape too: the network bundle is loaded lazily and carries its own copy of the class. */
export function isBitcoindError(error: unknown): error is BitcoindError {
  return (
    error instanceof BitcoindError ||
    (error instanceof Error &&
      error.name === 'BitcoindError' &&
      typeof (error as Partial<BitcoindError>).kind === 'string')
  );
}

/** Failures worth retrying later without the user changing anything. */
export function isTransientBitcoindError(error: BitcoindError): boolean {
  return (
    error.kind === 'warmingUp' || error.kind === 'busy' || error.kind === 'timeout' || error.kind === 'unreachable'
  );
}

/** Server text is untrusted: one line, bounded. */
export function sanitizeServerText(text: string, max = 160): string {
  return oneLine(text, max);
}

/** How the client authenticated, in words safe for a message: a path or a user name, never a password. */
export type CredentialsDescription =
  { readonly kind: 'cookie'; readonly cookiePath: string } | { readonly kind: 'password'; readonly user: string };

function describeCredentials(credentials: CredentialsDescription): string {
  return credentials.kind === 'cookie'
    ? `the cookie file ${credentials.cookiePath}`
    : `user "${credentials.user}" with the stored password`;
}

export const bitcoindMessages = {
  unreachable(url: string, detail: string): string {
    return `Bitcoin Core at ${url} is not reachable (${detail}). Is bitcoind running with server=1, and is the URL (host and RPC port, 8332 on mainnet) right?`;
  },
  timeout(url: string, method: string, deadlineMs: number): string {
    return `Bitcoin Core at ${url} did not answer ${method} within ${Math.round(deadlineMs / 1000)} s.`;
  },
  unauthorized(url: string, credentials: CredentialsDescription): string {
    const hint =
      credentials.kind === 'cookie'
        ? 'The node rejected the cookie even after re-reading it: is this the cookie of the node at this URL (same data directory and network), or is rpcpassword set in bitcoin.conf (then no cookie is used)?'
        : 'Check the user name and password (rpcuser/rpcpassword or an rpcauth line in bitcoin.conf).';
    return `Bitcoin Core at ${url} refused the credentials (HTTP 401), tried ${describeCredentials(credentials)}. ${hint}`;
  },
  forbidden(url: string, method: string): string {
    return `Bitcoin Core at ${url} does not allow ${method} for this user (HTTP 403, see rpcwhitelist in bitcoin.conf).`;
  },
  cookieMissing(cookiePath: string): string {
    return `The cookie file ${cookiePath} does not exist. bitcoind writes it at start-up and deletes it on shutdown: is the node running, with this data directory and network (testnet3/, testnet4/, signet/, regtest/ hold their own .cookie)? If rpcpassword is set in bitcoin.conf, use user and password instead.`;
  },
  cookieUnreadable(cookiePath: string, reason: string): string {
    return `The cookie file ${cookiePath} cannot be read (${reason}). bitcoind makes it readable by its own user only (see -rpccookieperms).`;
  },
  cookieMalformed(cookiePath: string): string {
    return `The cookie file ${cookiePath} is not a Bitcoin Core cookie (expected "__cookie__:" followed by the password).`;
  },
  warmingUp(url: string, serverMessage: string): string {
    return `Bitcoin Core at ${url} is starting up: ${sanitizeServerText(serverMessage) || 'warming up'} (will retry).`;
  },
  busy(url: string): string {
    return `Bitcoin Core at ${url} is busy (HTTP 503, work queue depth exceeded); will retry. Raising rpcworkqueue in bitcoin.conf helps if this persists.`;
  },
  methodNotFound(url: string, method: string): string {
    return `Bitcoin Core at ${url} has no RPC method ${method}: the node version is too old (or the method is disabled).`;
  },
  pruned(url: string, method: string, serverMessage: string): string {
    return `Bitcoin Core at ${url} cannot answer ${method}: ${sanitizeServerText(serverMessage)} — the node is pruned below that block.`;
  },
  rpc(url: string, method: string, code: number, serverMessage: string): string {
    return `Bitcoin Core at ${url} returned an error for ${method}: ${sanitizeServerText(serverMessage) || 'no message'} (code ${code}).`;
  },
  http(url: string, status: number, body: string): string {
    const text = sanitizeServerText(body, 80);
    return `Bitcoin Core at ${url} answered HTTP ${status}${text ? ` (${text})` : ''}.`;
  },
  tooLarge(url: string, method: string, capBytes: number): string {
    return `Bitcoin Core at ${url}: the reply to ${method} exceeds the ${Math.round(capBytes / 1024)} KiB cap.`;
  },
  invalid(url: string, method: string, reason: string): string {
    return `Bitcoin Core at ${url}: unexpected reply to ${method} (${sanitizeServerText(reason, 200)}).`;
  },
};

/** An RPC error object from the node → the typed error (for a method of a call or a batch element). */
export function rpcErrorToBitcoindError(url: string, method: string, code: number, message: string): BitcoindError {
  const details = { method, rpcCode: code };
  if (code === RPC_CODES.inWarmup)
    return new BitcoindError('warmingUp', bitcoindMessages.warmingUp(url, message), details);
  if (code === RPC_CODES.methodNotFound)
    return new BitcoindError('methodNotFound', bitcoindMessages.methodNotFound(url, method), details);
  // Core says "Block not available (pruned data)" / "Undo data not available (pruned data)" with -1.
  if (code === RPC_CODES.miscError && /prun/i.test(message))
    return new BitcoindError('pruned', bitcoindMessages.pruned(url, method, message), details);
  if (code === RPC_CODES.invalidAddressOrKey)
    return new BitcoindError('notFound', bitcoindMessages.rpc(url, method, code, message), details);
  if (code === RPC_CODES.invalidParameter)
    return new BitcoindError('invalidParameter', bitcoindMessages.rpc(url, method, code, message), details);
  return new BitcoindError('rpc', bitcoindMessages.rpc(url, method, code, message), details);
}
