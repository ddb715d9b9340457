// mempool's `/api/v1/ws` for the replay server: a minimal RFC 6455 server side (handshake, text frames,
// client masking, fragmentation, ping/pong, close) with no dependency beyond node:crypto, and a hub that
// behaves like mempool's websocket-handler for the parts the extension uses:
//   {"action":"init"}                          → the init data (blocks, da, conversions, and filler keys)
//   {"action":"want","data":["blocks","stats"]} → `blocks` when blocks is newly wanted; `da` (+ mempoolInfo,
//                                                  vBytesPerSecond, fees) when stats is newly wanted
//   {"action":"ping"}                          → {"pong":true}
//   each new block → {"block"} to block subscribers, {"da", mempoolInfo, …} to stats subscribers (one message)
//   prices         → {"conversions"} to everyone, when the hourly price changes and every conversionsIntervalMs
// As on mempool, `conversions` come only with `init` or a price update, never with `want`, and the `blocks`
// array is oldest first (unlike /api/v1/blocks).

import { createHash } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { SyntheticChain } from './chain';
import { difficultyAdjustmentBody, pricesBody, toMempoolBlock } from './responses';

export const WS_PATH = '/api/v1/ws';
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** mempool's INITIAL_BLOCKS_AMOUNT default. */
const INITIAL_BLOCKS = 8;
/** A burst of mined blocks is announced one message per block, up to this many (the rest are skipped). */
const MAX_ANNOUNCED_BLOCKS = 32;
const MAX_MESSAGE_BYTES = 1 << 20;

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export function acceptKey(key: string): string {
  return createHash('sha1')
    .update(key + HANDSHAKE_GUID)
    .digest('base64');
}

/** One frame; `mask` is for clients (tests), servers send unmasked. */
export function encodeFrame(opcode: number, payload: Buffer, opts: { fin?: boolean; mask?: Buffer } = {}): Buffer {
  const fin = opts.fin ?? true;
  const len = payload.length;
  const lenBytes = len < 126 ? 0 : len < 65_536 ? 2 : 8;
  const maskBytes = opts.mask ? 4 : 0;
  const head = Buffer.alloc(2 + lenBytes + maskBytes);
  head[0] = (fin ? 0x80 : 0) | (opcode & 0x0f);
  head[1] = (opts.mask ? 0x80 : 0) | (lenBytes === 0 ? len : lenBytes === 2 ? 126 : 127);
  if (lenBytes === 2) head.writeUInt16BE(len, 2);
  if (lenBytes === 8) head.writeBigUInt64BE(BigInt(len), 2);
  if (!opts.mask) return Buffer.concat([head, payload]);
  opts.mask.copy(head, 2 + lenBytes, 0, 4);
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++) masked[i]! ^= opts.mask[i % 4]!;
  return Buffer.concat([head, masked]);
}

export interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

export class ProtocolError extends Error {
  constructor(
    readonly closeCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Incremental frame decoder: feed socket chunks, get whole frames. */
export class FrameDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly expectMasked: boolean) {}

  push(chunk: Buffer): Frame[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const frames: Frame[] = [];
    for (;;) {
      const b = this.buffer;
      if (b.length < 2) break;
      const masked = (b[1]! & 0x80) !== 0;
      if (masked !== this.expectMasked)
        throw new ProtocolError(1002, masked ? 'masked frame from the server' : 'unmasked frame from a client');
      if ((b[0]! & 0x70) !== 0) throw new ProtocolError(1002, 'reserved bits set (no extension was negotiated)');
      let len = b[1]! & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (b.length < 4) break;
        len = b.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (b.length < 10) break;
        const big = b.readBigUInt64BE(2);
        if (big > BigInt(MAX_MESSAGE_BYTES)) throw new ProtocolError(1009, 'frame too large');
        len = Number(big);
        offset = 10;
      }
      if (len > MAX_MESSAGE_BYTES) throw new ProtocolError(1009, 'frame too large');
      const maskOffset = offset;
      if (masked) offset += 4;
      if (b.length < offset + len) break;
      const payload = Buffer.from(b.subarray(offset, offset + len));
      if (masked) for (let i = 0; i < len; i++) payload[i]! ^= b[maskOffset + (i % 4)]!;
      frames.push({ fin: (b[0]! & 0x80) !== 0, opcode: b[0]! & 0x0f, payload });
      this.buffer = b.subarray(offset + len);
    }
    return frames;
  }
}

/** Answers an upgrade request with a plain HTTP response and hangs up (a refused websocket). */
export function refuseUpgrade(
  socket: Duplex,
  status: number,
  reason: string,
  headers: Record<string, string> = {},
): void {
  const body = `${status} ${reason}`;
  const lines = [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/** One accepted websocket (server side). */
export class WsConnection {
  onText: (text: string) => void = () => undefined;
  onClose: (code: number) => void = () => undefined;
  private readonly decoder = new FrameDecoder(true);
  private fragments: Buffer[] = [];
  private fragmentsBytes = 0;
  private closeSent = false;
  private closed = false;

  constructor(
    private readonly socket: Duplex,
    head: Buffer,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => this.finish(1006));
    socket.on('close', () => this.finish(1006));
    // HTTP server sockets allow half-open: a client's FIN alone would leave this socket open forever.
    socket.on('end', () => {
      socket.end();
      this.finish(1006);
    });
    if (head.length) queueMicrotask(() => this.receive(head));
  }

  get isOpen(): boolean {
    return !this.closed && !this.closeSent;
  }

  /** Bytes of text frames sent (headers included), for the network benchmark. */
  sentBytes = 0;

  sendText(text: string): void {
    if (!this.isOpen) return;
    const frame = encodeFrame(OPCODE.text, Buffer.from(text, 'utf8'));
    this.sentBytes += frame.length;
    this.socket.write(frame);
  }

  ping(data = Buffer.alloc(0)): void {
    if (this.isOpen) this.socket.write(encodeFrame(OPCODE.ping, data));
  }

  /** Starts the closing handshake; the socket is destroyed if the client does not answer within 1 s. */
  close(code = 1000, reason = ''): void {
    if (this.closed || this.closeSent) return;
    this.closeSent = true;
    const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
    payload.writeUInt16BE(code, 0);
    payload.write(reason, 2);
    this.socket.write(encodeFrame(OPCODE.close, payload));
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  /** Kills the TCP connection without a closing handshake (a network drop, as the client sees it). */
  destroy(): void {
    this.socket.destroy();
    this.finish(1006);
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (e) {
      this.close(e instanceof ProtocolError ? e.closeCode : 1002, e instanceof Error ? e.message.slice(0, 100) : '');
      return;
    }
    for (const frame of frames) this.handle(frame);
  }

  private handle(frame: Frame): void {
    switch (frame.opcode) {
      case OPCODE.ping:
        if (!this.closeSent) this.socket.write(encodeFrame(OPCODE.pong, frame.payload));
        return;
      case OPCODE.pong:
        return;
      case OPCODE.close: {
        const code = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
        if (!this.closeSent) {
          this.closeSent = true;
          this.socket.write(encodeFrame(OPCODE.close, frame.payload.subarray(0, 2)));
        }
        this.socket.end();
        this.finish(code);
        return;
      }
      case OPCODE.text:
      case OPCODE.binary:
      case OPCODE.continuation: {
        if (frame.opcode !== OPCODE.continuation && this.fragments.length)
          return this.close(1002, 'new message inside a fragmented one');
        if (frame.opcode === OPCODE.continuation && !this.fragments.length)
          return this.close(1002, 'continuation without a message');
        this.fragmentsBytes += frame.payload.length;
        if (this.fragmentsBytes > MAX_MESSAGE_BYTES) return this.close(1009, 'message too large');
        this.fragments.push(frame.payload);
        if (!frame.fin) return;
        const message = Buffer.concat(this.fragments);
        this.fragments = [];
        this.fragmentsBytes = 0;
        this.onText(message.toString('utf8'));
        return;
      }
      default:
        this.close(1002, `unknown opcode ${frame.opcode}`);
    }
  }

  private finish(code: number): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(code);
  }
}

/** Completes the handshake (101) or refuses a request that is not a valid version-13 upgrade (400). */
export function acceptUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): WsConnection | null {
  const key = req.headers['sec-websocket-key'];
  const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
  if (
    req.method !== 'GET' ||
    upgrade !== 'websocket' ||
    typeof key !== 'string' ||
    req.headers['sec-websocket-version'] !== '13'
  ) {
    refuseUpgrade(socket, 400, 'Bad Request');
    return null;
  }
  // No Sec-WebSocket-Extensions in the answer: the client's permessage-deflate offer is declined.
  socket.write(
    [
      'HTTP/1.1 101 Switching Protocols',
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Accept: ${acceptKey(key)}`,
      '',
      '',
    ].join('\r\n'),
  );
  return new WsConnection(socket, head);
}

// ---------------------------------------------------------------------------------------------------
// mempool behaviour

export interface WebSocketClientInfo {
  readonly id: number;
  readonly path: string;
  readonly userAgent: string;
  /** Subscriptions from the last `want` (e.g. ["blocks", "stats"]). */
  readonly wants: readonly string[];
  readonly openedAtMs: number;
  /** Text messages received from the client. */
  readonly received: number;
}

interface Client {
  id: number;
  conn: WsConnection;
  info: { id: number; path: string; userAgent: string; wants: string[]; openedAtMs: number; received: number };
}

export interface MempoolWebSocketHubOptions {
  chain: SyntheticChain;
  /** The server's current now (Unix s); must not itself announce blocks. */
  nowS: () => number;
  /** Re-send the current prices this often (mempool's price updater); 0 = only when the hourly price changes. */
  conversionsIntervalMs?: number;
}

export class MempoolWebSocketHub {
  private readonly clients = new Map<number, Client>();
  private nextId = 1;
  private announcedHeight: number;
  private announcedPriceTimeS: number;
  private readonly timer: ReturnType<typeof setInterval> | null;

  constructor(private readonly opts: MempoolWebSocketHubOptions) {
    this.announcedHeight = opts.chain.tipHeight;
    this.announcedPriceTimeS = pricesBody(opts.chain, opts.nowS()).time;
    const every = opts.conversionsIntervalMs ?? 60_000;
    this.timer = every > 0 ? setInterval(() => this.pushConversions(), every) : null;
    this.timer?.unref();
  }

  private closedSentBytes = 0;

  /** Bytes sent over every websocket so far (for the network benchmark). */
  get sentBytes(): number {
    let open = 0;
    for (const c of this.clients.values()) open += c.conn.sentBytes;
    return this.closedSentBytes + open;
  }

  get openClients(): WebSocketClientInfo[] {
    return [...this.clients.values()].map((c) => ({ ...c.info, wants: [...c.info.wants] }));
  }

  /** Accepts an upgrade that passed the server's fault rules. `malformed` sends garbage after the handshake. */
  accept(req: http.IncomingMessage, socket: Duplex, head: Buffer, opts: { malformed?: boolean } = {}): boolean {
    const conn = acceptUpgrade(req, socket, head);
    if (!conn) return false;
    const id = this.nextId++;
    const ua = req.headers['user-agent'];
    const client: Client = {
      id,
      conn,
      info: {
        id,
        path: req.url ?? WS_PATH,
        userAgent: typeof ua === 'string' ? ua : '',
        wants: [],
        openedAtMs: Date.now(),
        received: 0,
      },
    };
    this.clients.set(id, client);
    conn.onClose = () => {
      this.closedSentBytes += conn.sentBytes;
      this.clients.delete(id);
    };
    conn.onText = (text) => this.onClientMessage(client, text);
    if (opts.malformed) conn.sendText('<html><body>502 Bad Gateway</body></html>');
    return true;
  }

  /** Pushes every block mined since the last call (one message each, like mempool), then new prices. */
  announceTip(): void {
    const chain = this.opts.chain;
    if (chain.tipHeight <= this.announcedHeight) return;
    const from = Math.max(this.announcedHeight + 1, chain.tipHeight - MAX_ANNOUNCED_BLOCKS + 1);
    this.announcedHeight = chain.tipHeight;
    const stats = JSON.stringify(this.stats());
    for (let h = from; h <= chain.tipHeight; h++) {
      const block = JSON.stringify(toMempoolBlock(chain.blockAt(h)));
      for (const c of this.clients.values()) {
        const parts: string[] = [];
        if (c.info.wants.includes('blocks')) parts.push(`"block":${block}`);
        if (c.info.wants.includes('stats')) parts.push(stats.slice(1, -1));
        if (parts.length) c.conn.sendText(`{${parts.join(',')}}`);
      }
    }
    if (pricesBody(chain, this.opts.nowS()).time !== this.announcedPriceTimeS) this.pushConversions();
  }

  /** Sends the current prices to every client (mempool broadcasts conversions regardless of `want`). */
  pushConversions(): void {
    const conversions = pricesBody(this.opts.chain, this.opts.nowS());
    this.announcedPriceTimeS = conversions.time;
    const text = JSON.stringify({ conversions });
    for (const c of this.clients.values()) c.conn.sendText(text);
  }

  /** Kills every open websocket without a closing handshake; returns how many. */
  drop(): number {
    const all = [...this.clients.values()];
    for (const c of all) c.conn.destroy();
    return all.length;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.drop();
  }

  private stats(): Record<string, unknown> {
    const chain = this.opts.chain;
    const nowS = this.opts.nowS();
    return {
      mempoolInfo: {
        loaded: true,
        size: 50_000,
        bytes: 60_000_000,
        usage: 300_000_000,
        total_fee: 1.2,
        maxmempool: 300_000_000,
        mempoolminfee: 0.00001,
        minrelaytxfee: 0.00001,
      },
      vBytesPerSecond: 1500,
      fees: { fastestFee: 8, halfHourFee: 6, hourFee: 5, economyFee: 3, minimumFee: 1 },
      da: difficultyAdjustmentBody(chain, nowS),
    };
  }

  private initialBlocks(): unknown[] {
    const chain = this.opts.chain;
    const out: unknown[] = [];
    for (let h = Math.max(0, chain.tipHeight - INITIAL_BLOCKS + 1); h <= chain.tipHeight; h++)
      out.push(toMempoolBlock(chain.blockAt(h)));
    return out;
  }

  private onClientMessage(client: Client, text: string): void {
    client.info.received++;
    let message: { action?: unknown; data?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
      if (typeof message !== 'object' || message === null) throw new Error('not an object');
    } catch {
      // mempool closes the connection on a message it cannot parse.
      client.conn.close(1000);
      return;
    }
    const response: Record<string, unknown> = {};
    if (message.action === 'want' && Array.isArray(message.data)) {
      const wants = message.data.filter((d): d is string => typeof d === 'string');
      const newly = (sub: string): boolean => wants.includes(sub) && !client.info.wants.includes(sub);
      if (newly('blocks')) response.blocks = this.initialBlocks();
      if (newly('stats')) Object.assign(response, this.stats());
      client.info.wants = wants;
    }
    if (message.action === 'init') {
      client.conn.sendText(
        JSON.stringify({
          ...this.stats(),
          blocks: this.initialBlocks(),
          conversions: pricesBody(this.opts.chain, this.opts.nowS()),
          'mempool-blocks': [],
          transactions: [],
          backendInfo: { hostname: 'replay', version: '3.1.0-replay', gitCommit: '0000000', lightning: false },
          loadingIndicators: {},
        }),
      );
    }
    if (message.action === 'ping') response.pong = true;
    if (Object.keys(response).length) client.conn.sendText(JSON.stringify(response));
  }
}
