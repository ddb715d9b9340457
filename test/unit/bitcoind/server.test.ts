// The Core-shaped test node over HTTP: what a client of Bitcoin Core v27–v30 sees (status codes, headers,
// 1.0 vs 2.0 reply shapes, batches, auth, modes). Raw fetch, no client of ours, so the shapes are checked
// independently of src/net/jsonRpc.ts.
import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateChain } from '../../server/chain';
import { startBitcoindServer, type BitcoindServer } from '../../server/bitcoind/server';

let server: BitcoindServer;
let auth: string;

beforeAll(async () => {
  server = await startBitcoindServer({ authFailureDelayMs: 0, users: [{ user: 'alice', password: 'wonderland-42' }] });
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  server.setVersion(30);
  server.setWarmingUp(null);
  server.setSynced();
  server.setPruned(null);
  server.clearBusy();
  server.restoreMethods();
  auth = `Basic ${Buffer.from(await readFile(server.cookiePath!, 'utf8')).toString('base64')}`;
});

async function post(
  body: unknown,
  headers: Record<string, string> = { authorization: auth },
): Promise<{ status: number; text: string; json: any; headers: Headers }> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers };
}

describe('authentication', () => {
  it('writes a cookie __cookie__:<64 hex> in the data directory, readable by its owner only', async () => {
    const text = await readFile(server.cookiePath!, 'utf8');
    expect(text).toMatch(/^__cookie__:[0-9a-f]{64}$/);
    expect(server.cookiePath!.endsWith('/.cookie')).toBe(true);
    if (process.platform !== 'win32') expect((await stat(server.cookiePath!)).mode & 0o077).toBe(0);
  });

  it('401 with WWW-Authenticate: Basic realm="jsonrpc" and an empty body, without or with bad credentials', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: `Basic ${Buffer.from('__cookie__:00').toString('base64')}` },
      { authorization: 'Bearer x' },
    ]) {
      const r = await post({ id: 1, method: 'getblockcount' }, headers);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Basic realm="jsonrpc"');
      expect(r.text).toBe('');
    }
  });

  it('accepts a configured user and password', async () => {
    const r = await post(
      { id: 1, method: 'getblockcount' },
      { authorization: `Basic ${Buffer.from('alice:wonderland-42').toString('base64')}` },
    );
    expect(r.status).toBe(200);
    expect(r.json.result).toBe(server.node.tipHeight);
  });

  it('a rotated cookie (node restart) invalidates the old one', async () => {
    const old = auth;
    const password = await server.rotateCookie();
    expect(await readFile(server.cookiePath!, 'utf8')).toBe(`__cookie__:${password}`);
    expect((await post({ id: 1, method: 'getblockcount' }, { authorization: old })).status).toBe(401);
    const fresh = `Basic ${Buffer.from(`__cookie__:${password}`).toString('base64')}`;
    expect((await post({ id: 1, method: 'getblockcount' }, { authorization: fresh })).status).toBe(200);
  });

  it('only POST on / (405 otherwise), unknown paths 404', async () => {
    expect((await fetch(server.url, { headers: { authorization: auth } })).status).toBe(405);
    expect(
      (
        await fetch(`${server.url}/rest/chaininfo.json`, {
          method: 'POST',
          headers: { authorization: auth },
          body: '{}',
        })
      ).status,
    ).toBe(404);
  });
});

describe('JSON-RPC 1.0 (legacy) and 2.0 replies', () => {
  it('legacy success: result, error null and id, HTTP 200, application/json', async () => {
    const r = await post({ jsonrpc: '1.0', id: 'a', method: 'getbestblockhash' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(r.json)).toEqual(['result', 'error', 'id']);
    expect(r.json).toEqual({ result: server.node.blockHash(server.node.tipHeight), error: null, id: 'a' });
  });

  it('legacy errors: HTTP 500 for −8/−5/−28, 404 for −32601, 400 for −32600, result null beside the error', async () => {
    const cases: [unknown, number, number][] = [
      [{ id: 1, method: 'getblockhash', params: [-1] }, 500, -8],
      [{ id: 1, method: 'getblockheader', params: ['00'.repeat(32)] }, 500, -5],
      [{ id: 1, method: 'nosuchmethod' }, 404, -32601],
      [{ id: 1, method: 42 }, 400, -32600],
      [{ jsonrpc: '3.0', id: 1, method: 'uptime' }, 400, -32600],
    ];
    for (const [body, status, code] of cases) {
      const r = await post(body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.json.result).toBeNull();
      expect(r.json.error.code).toBe(code);
      expect(r.json.id).toBe(1);
    }
  });

  it('not JSON → 500 with −32700', async () => {
    const r = await post('{"id":1,');
    expect(r.status).toBe(500);
    expect(r.json.error.code).toBe(-32700);
  });

  it('2.0 (v28+): HTTP 200 and only result or only error; a notification gets 204', async () => {
    const ok = await post({ jsonrpc: '2.0', id: 7, method: 'getblockcount' });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ jsonrpc: '2.0', result: server.node.tipHeight, id: 7 });
    const err = await post({ jsonrpc: '2.0', id: 8, method: 'getblockhash', params: [10_000_000] });
    expect(err.status).toBe(200);
    expect(err.json).toEqual({ jsonrpc: '2.0', error: { code: -8, message: 'Block height out of range' }, id: 8 });
    const note = await post({ jsonrpc: '2.0', method: 'getblockcount' });
    expect(note.status).toBe(204);
    expect(note.text).toBe('');
  });

  it('v27 ignores "jsonrpc": a 2.0 request gets a legacy reply, id null when absent', async () => {
    server.setVersion(27);
    const r = await post({ jsonrpc: '2.0', id: 3, method: 'getblockhash', params: [-5] });
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ result: null, error: { code: -8, message: 'Block height out of range' }, id: 3 });
    expect((await post({ method: 'getblockcount' })).json).toEqual({
      result: server.node.tipHeight,
      error: null,
      id: null,
    });
  });

  it('batches: always HTTP 200, an array with each element’s own reply and version', async () => {
    const r = await post([
      { jsonrpc: '1.0', id: 1, method: 'getblockcount' },
      { jsonrpc: '2.0', id: 2, method: 'nosuchmethod' },
      { jsonrpc: '2.0', method: 'uptime' },
      17,
      { id: 4, method: 'getblockhash', params: [0] },
    ]);
    expect(r.status).toBe(200);
    expect(r.json).toEqual([
      { result: server.node.tipHeight, error: null, id: 1 },
      { jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' }, id: 2 },
      { result: null, error: { code: -32600, message: 'Invalid Request object' }, id: null },
      { result: server.node.blockHash(0), error: null, id: 4 },
    ]);
    expect((await post([])).json).toEqual([]);
    expect((await post([{ jsonrpc: '2.0', method: 'uptime' }])).status).toBe(204);
  });
});

describe('methods', () => {
  it('getblockchaininfo: v30 fields, synced, not pruned', async () => {
    const { json } = await post({ id: 1, method: 'getblockchaininfo' });
    const tip = server.node.tipHeight;
    expect(json.result).toMatchObject({
      chain: 'main',
      blocks: tip,
      headers: tip,
      initialblockdownload: false,
      pruned: false,
      warnings: [],
    });
    expect(json.result.bits).toMatch(/^[0-9a-f]{8}$/);
    expect(json.result.time).toBe(server.node.timeOf(tip));
    expect(json.result).not.toHaveProperty('pruneheight');
  });

  it('getmininginfo by version: v27 string warnings, v29 bits/target/next, v30 blockmintxfee', async () => {
    server.setVersion(27);
    const v27 = (await post({ id: 1, method: 'getmininginfo' })).json.result;
    expect(v27.warnings).toBe('');
    expect(v27).not.toHaveProperty('next');
    server.setVersion(29);
    const v29 = (await post({ id: 1, method: 'getmininginfo' })).json.result;
    expect(v29.next.height).toBe(server.node.tipHeight + 1);
    expect(v29).not.toHaveProperty('blockmintxfee');
    expect(v29.networkhashps).toBe(server.node.networkHashPs(120, -1));
    server.setVersion(30);
    expect((await post({ id: 1, method: 'getmininginfo' })).json.result.blockmintxfee).toBe(0.00001);
  });

  it('getblockheader: fields, links, chainwork; verbose=false is the 80-byte header', async () => {
    const h = 900_000;
    const hash = (await post({ id: 1, method: 'getblockhash', params: [h] })).json.result;
    const header = (await post({ id: 1, method: 'getblockheader', params: [hash] })).json.result;
    expect(Object.keys(header)).toEqual([
      'hash',
      'confirmations',
      'height',
      'version',
      'versionHex',
      'merkleroot',
      'time',
      'mediantime',
      'nonce',
      'bits',
      'target',
      'difficulty',
      'chainwork',
      'nTx',
      'previousblockhash',
      'nextblockhash',
    ]);
    expect(header).toMatchObject({
      hash,
      height: h,
      confirmations: server.node.tipHeight - h + 1,
      previousblockhash: server.node.blockHash(h - 1),
    });
    const raw = (await post({ id: 1, method: 'getblockheader', params: [hash, false] })).json.result;
    expect(raw).toHaveLength(160);
    expect(Buffer.from(raw, 'hex').readUInt32LE(68)).toBe(header.time);
    expect(Buffer.from(raw, 'hex').readUInt32LE(72)).toBe(Number.parseInt(header.bits, 16));
  });

  it('getblockstats: Core’s full field set, `stats` filter, −8 / −5 errors', async () => {
    const all = (await post({ id: 1, method: 'getblockstats', params: [900_000] })).json.result;
    // The names of Core's regtest fixture (rpc_getblockstats.json) plus the two *_actual fields of v25+.
    expect(Object.keys(all)).toEqual([
      'avgfee',
      'avgfeerate',
      'avgtxsize',
      'blockhash',
      'feerate_percentiles',
      'height',
      'ins',
      'maxfee',
      'maxfeerate',
      'maxtxsize',
      'medianfee',
      'mediantime',
      'mediantxsize',
      'minfee',
      'minfeerate',
      'mintxsize',
      'outs',
      'subsidy',
      'swtotal_size',
      'swtotal_weight',
      'swtxs',
      'time',
      'total_out',
      'total_size',
      'total_weight',
      'totalfee',
      'txs',
      'utxo_increase',
      'utxo_increase_actual',
      'utxo_size_inc',
      'utxo_size_inc_actual',
    ]);
    expect(all.subsidy).toBe(312_500_000);
    const some = (await post({ id: 1, method: 'getblockstats', params: [all.blockhash, ['totalfee', 'height']] })).json
      .result;
    expect(some).toEqual({ height: 900_000, totalfee: all.totalfee });
    const tip = server.node.tipHeight;
    expect((await post({ id: 1, method: 'getblockstats', params: [-1] })).json.error).toEqual({
      code: -8,
      message: 'Target block height -1 is negative',
    });
    expect((await post({ id: 1, method: 'getblockstats', params: [tip + 1] })).json.error).toEqual({
      code: -8,
      message: `Target block height ${tip + 1} after current tip ${tip}`,
    });
    expect((await post({ id: 1, method: 'getblockstats', params: ['ab'.repeat(32)] })).json.error).toEqual({
      code: -5,
      message: 'Block not found',
    });
    expect((await post({ id: 1, method: 'getblockstats', params: [1, ['bogus']] })).json.error.code).toBe(-8);
  });

  it('getnetworkhashps takes positional and named parameters', async () => {
    const positional = (await post({ id: 1, method: 'getnetworkhashps', params: [1008, 900_000] })).json.result;
    expect(positional).toBe(server.node.networkHashPs(1008, 900_000));
    const named = (await post({ id: 1, method: 'getnetworkhashps', params: { height: 900_000, nblocks: 1008 } })).json
      .result;
    expect(named).toBe(positional);
    expect((await post({ id: 1, method: 'getnetworkhashps', params: [0] })).json.error.code).toBe(-8);
  });
});

describe('modes', () => {
  it('warming up: every method −28 with the init message', async () => {
    server.setWarmingUp('Loading block index…');
    const r = await post({ id: 1, method: 'getblockchaininfo' });
    expect(r.status).toBe(500);
    expect(r.json.error).toEqual({ code: -28, message: 'Loading block index…' });
  });

  it('IBD: blocks behind headers, initialblockdownload, the progress fraction', async () => {
    server.setSyncing(0.42, 500_000);
    const info = (await post({ id: 1, method: 'getblockchaininfo' })).json.result;
    expect(info).toMatchObject({
      blocks: 500_000,
      headers: server.node.headerHeight,
      initialblockdownload: true,
      verificationprogress: 0.42,
    });
    expect((await post({ id: 1, method: 'getblockhash', params: [500_001] })).json.error.code).toBe(-8);
  });

  it('pruned: pruneheight reported, getblockstats below it fails with −1 (pruned data), headers still served', async () => {
    server.setPruned(970_000);
    const info = (await post({ id: 1, method: 'getblockchaininfo' })).json.result;
    expect(info).toMatchObject({ pruned: true, pruneheight: 970_000, automatic_pruning: true });
    expect((await post({ id: 1, method: 'getblockstats', params: [969_999, ['totalfee']] })).json.error).toEqual({
      code: -1,
      message: 'Block not available (pruned data)',
    });
    expect((await post({ id: 1, method: 'getblockstats', params: [970_000, ['totalfee']] })).json.error).toBeNull();
  });

  it('503 work queue depth exceeded for the next n requests, plain text', async () => {
    server.setBusy(1);
    const r = await post({ id: 1, method: 'uptime' });
    expect(r.status).toBe(503);
    expect(r.text).toBe('Work queue depth exceeded');
    expect((await post({ id: 1, method: 'uptime' })).status).toBe(200);
  });

  it('an older node without a method: −32601', async () => {
    server.removeMethods('getblockstats');
    expect((await post({ id: 1, method: 'getblockstats', params: [1] })).json.error).toEqual({
      code: -32601,
      message: 'Method not found',
    });
  });

  it('a held method: batches calling it wait after the first n, one per step(), all on release()', async () => {
    const call = [{ jsonrpc: '2.0', id: 1, method: 'getnetworkhashps', params: [144, 100] }];
    const other = [{ jsonrpc: '2.0', id: 2, method: 'getblockcount', params: [] }];
    const hold = server.holdBatches('getnetworkhashps', 1);
    try {
      expect((await post(call)).status).toBe(200); // let through
      let settled = 0;
      const second = post(call).then((r) => (settled++, r));
      const third = post(call).then((r) => (settled++, r));
      // Other batches are not held; the held two cannot be answered before step() or release().
      expect((await post(other)).status).toBe(200);
      expect(settled).toBe(0);
      hold.step();
      expect((await Promise.race([second, third])).status).toBe(200);
      expect(settled).toBe(1);
      hold.release();
      expect((await third).status).toBe(200);
      expect((await second).status).toBe(200);
    } finally {
      hold.release();
    }
  });

  it('stale tip: blocks = headers at an older height, not in IBD', async () => {
    server.setStaleTip(970_000);
    const info = (await post({ id: 1, method: 'getblockchaininfo' })).json.result;
    expect(info).toMatchObject({
      blocks: 970_000,
      headers: 970_000,
      initialblockdownload: false,
      time: server.node.timeOf(970_000),
    });
  });

  it('can serve the replay server’s chain (same hashes and times as mempool’s blocks)', async () => {
    const chain = generateChain();
    const other = await startBitcoindServer({ chain, authFailureDelayMs: 0 });
    try {
      const cookie = await readFile(other.cookiePath!, 'utf8');
      const res = await fetch(other.url, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(cookie).toString('base64')}` },
        body: JSON.stringify({ id: 1, method: 'getblockheader', params: [chain.blockIdAt(chain.tipHeight)] }),
      });
      const header = ((await res.json()) as any).result;
      expect(header).toMatchObject({
        height: chain.tipHeight,
        time: chain.tipTimeS,
        difficulty: chain.currentDifficulty,
      });
    } finally {
      await other.close();
    }
    await expect(stat(other.cookiePath!)).rejects.toThrow();
  });
});
