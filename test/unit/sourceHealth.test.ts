// A source that answers promptly but is behind or half-broken must not look current: an old tip (an
// unsynced self-hosted node, a stuck instance), and mempool's own ways of saying "I can't": a hash rate
// of 0 (its Bitcoin Core unreachable), 404 on the mining routes (indexing off), prices of −1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSnapshot, usableEstimate } from '../../src/core/fetchSnapshot';
import { sourceHealth } from '../../src/core/glance/sourceHealth';
import { staleness, type GlanceState } from '../../src/core/glance/state';
import type { NetworkSnapshot } from '../../src/core/model';
import { parseHashrateHistory, parsePrices } from '../../src/core/parse';
import { mergeParts } from '../../src/core/push';
import { TransportError, type Transport } from '../../src/core/transport';
import { computeGlanceFigures } from '../../src/core/views/glanceFigures';
import { hoverMarkdown } from '../../src/core/views/hoverMarkdown';
import { HttpClient } from '../../src/net/httpClient';
import { startReplayServer, type ReplayServer } from '../server/replayServer';
import { NOW_MS, hoverContext, makeSnapshot } from './helpers/snapshot';

const HOUR_MS = 3600_000;
const live = (snapshot: NetworkSnapshot): GlanceState => ({ snapshot, origin: 'live', error: null, refreshing: false });

/** A snapshot fetched at NOW_MS whose tip block was mined `ageMs` before. */
function withTipAge(ageMs: number): NetworkSnapshot {
  const base = makeSnapshot({ fetchedAtMs: NOW_MS });
  const tip = { ...base.latestBlocks[0]!, timeS: (NOW_MS - ageMs) / 1000 };
  return { ...base, latestBlocks: [tip] };
}

function hover(snapshot: NetworkSnapshot, nowMs = NOW_MS): string {
  const health = sourceHealth(snapshot, nowMs);
  const { stale, reason } = staleness(live(snapshot), nowMs, 5 * 60_000);
  return hoverMarkdown(
    hoverContext(computeGlanceFigures(snapshot, 'USD', nowMs), {
      fetchedAtMs: snapshot.fetchedAtMs,
      nowMs,
      // As the status bar passes it: the refresh error, else the staleness reason.
      error: stale ? reason : null,
      sourceStale: health.staleReason,
      sourceNotices: health.notices,
    }),
  );
}

describe('the age of the source’s tip', () => {
  it('says nothing for an ordinary gap (1 h 50 min)', () => {
    const s = withTipAge(110 * 60_000);
    expect(sourceHealth(s, NOW_MS)).toEqual({ staleReason: null, notices: [] });
    expect(staleness(live(s), NOW_MS, 5 * 60_000).stale).toBe(false);
  });

  it('asks whether the source is syncing beyond 2 h, without calling the data stale', () => {
    const s = withTipAge(3 * HOUR_MS);
    expect(sourceHealth(s, NOW_MS)).toEqual({
      staleReason: null,
      notices: ["the source's last block is 3 h old — is it syncing?"],
    });
    expect(staleness(live(s), NOW_MS, 5 * 60_000)).toEqual({ stale: false, reason: null });
    expect(hover(s)).toContain("$(info) The source\\'s last block is 3 h old — is it syncing?");
  });

  it('treats a tip over a day old as stale, and the hover leads with the reason instead of "updated just now"', () => {
    // 617 days: the stuck instance of the issue.
    const s = withTipAge(617 * 24 * HOUR_MS);
    const reason = "the source's last block is 617 d old — is it syncing?";
    expect(sourceHealth(s, NOW_MS).staleReason).toBe(reason);
    expect(staleness(live(s), NOW_MS, 5 * 60_000)).toEqual({ stale: true, reason });
    const md = hover(s);
    const lines = md.split('\n').filter((l) => l !== '');
    // Our own wording goes through the hover's escaping too: the apostrophe is escaped, Markdown shows it plain.
    expect(lines[1]).toBe(
      "$(warning) **Stale** — The source\\'s last block is 617 d old — is it syncing? The figures below describe the chain as of that block.",
    );
    expect(md).not.toContain('updated just now');
    expect(md).not.toContain('Last refresh failed');
    expect(md).toContain('fetched just now, but the source is behind');
  });

  it('judges the tip at fetch time: data this window did not refresh is a different problem', () => {
    // Fetched 3 days ago with a fresh tip: not the source's fault.
    const s = { ...withTipAge(5 * 60_000), fetchedAtMs: NOW_MS - 3 * 24 * HOUR_MS };
    expect(sourceHealth(s, NOW_MS).staleReason).toBeNull();
    expect(staleness(live(s), NOW_MS, 5 * 60_000).reason).toBe('the data has not been refreshed recently');
  });
});

describe("mempool's own signals", () => {
  const hashrateJson = (currentHashrate: number) => ({
    hashrates: [
      { timestamp: 1_795_132_800, avgHashrate: 9.8e20 },
      { timestamp: 1_795_219_200, avgHashrate: 1.0e21 },
    ],
    difficulty: [],
    currentHashrate,
    currentDifficulty: 1.38e14,
  });

  it('currentHashrate 0 (its Bitcoin Core unreachable): keeps the last estimate, else the mean of the daily values, and says why', () => {
    const reported = parseHashrateHistory(hashrateJson(0));
    expect(reported.currentHashrateHps).toBe(0);
    const previous = makeSnapshot();
    expect(usableEstimate(reported, previous)).toEqual({
      hashrate: { ...reported, currentHashrateHps: 987.6e18 },
      note: 'the source reports a hash rate of 0 — its Bitcoin Core seems unreachable: showing its last estimate',
    });
    // (9.8e20 + 1.0e21) / 2 = 9.9e20.
    const fresh = usableEstimate(reported, null);
    expect(fresh.hashrate.currentHashrateHps).toBeCloseTo(9.9e20, -8);
    expect(fresh.note).toBe(
      'the source reports a hash rate of 0 — its Bitcoin Core seems unreachable: showing the mean of its last 2 daily values',
    );
    const snapshot = makeSnapshot({ sourceNotes: [fresh.note!] });
    expect(sourceHealth(snapshot, NOW_MS).notices).toEqual([fresh.note]);
    // After a block: an estimate of 0 from the 3-day route leaves ours in place.
    const merged = mergeParts(previous, { hashrateNow: { currentHashrateHps: 0, currentDifficulty: 1.38e14 } }, NOW_MS);
    expect(merged.snapshot.hashrate.currentHashrateHps).toBe(987.6e18);
    expect(merged.warnings).toEqual([
      'the source reports a hash rate of 0 — its Bitcoin Core seems unreachable: kept the last estimate',
    ]);
  });

  it('prices of −1 (its price updater off): the fiat figures are missing and the hover says why', () => {
    const prices = parsePrices({ time: 1_795_599_000, USD: -1, EUR: -1, GBP: -1, CAD: -1, CHF: -1, AUD: -1, JPY: -1 });
    const s = makeSnapshot({ fetchedAtMs: NOW_MS, prices });
    expect(sourceHealth(s, NOW_MS).notices).toEqual([
      'the source has no BTC prices — its price updater seems to be off, so fiat figures are missing',
    ]);
    expect(computeGlanceFigures(s, 'USD', NOW_MS).btcPrice).toBeNull();
    expect(hover(s)).toContain('$(info) The source has no BTC prices');
  });

  describe('against the replay server', () => {
    let server: ReplayServer;
    let client: HttpClient;
    beforeAll(async () => {
      server = await startReplayServer({ conversionsIntervalMs: 0 });
      client = new HttpClient({
        baseUrl: server.url,
        userAgent: 'test',
        proxy: { proxyUrl: '', strictSsl: true, noProxy: [] },
        now: () => server.nowS() * 1000,
      });
    });
    afterAll(async () => {
      await client.close();
      await server.close();
    });

    // dist/net.js bundles its own copy of core/transport.ts: its errors are not `instanceof` this TransportError.
    class ForeignTransportError extends Error {
      override readonly name = 'TransportError';
      constructor(
        readonly kind: string,
        message: string,
        readonly details: { status?: number; path?: string },
      ) {
        super(message);
      }
    }
    it.each([
      ['this bundle’s TransportError', TransportError],
      ['the HTTP client bundle’s TransportError (another class of the same name)', ForeignTransportError],
    ] as const)(
      'mining routes answering 404 (indexing off), as %s: the failure says so instead of "HTTP 404"',
      async (_, ErrorClass) => {
        // mempool with INDEXING_BLOCKS_AMOUNT=0 answers 404 on /api/v1/mining/*; the rest works.
        const noIndexing: Transport = {
          getText: (path) =>
            path.startsWith('/api/v1/mining/')
              ? Promise.reject(new ErrorClass('http', `${path}: HTTP 404`, { status: 404, path }))
              : client.getText(path),
        };
        await expect(fetchSnapshot(noIndexing, 'replay', () => server.nowS() * 1000)).rejects.toThrow(
          /^the source has no mining data \(\/api\/v1\/mining\/(hashrate\/1m|reward-stats\/144) answered 404\): is block indexing off on this mempool instance\? Hash rate and hashprice need it$/,
        );
      },
    );

    it('a current replay source is healthy', async () => {
      const { snapshot } = await fetchSnapshot(client, 'replay', () => server.nowS() * 1000);
      expect(sourceHealth(snapshot, server.nowS() * 1000)).toEqual({ staleReason: null, notices: [] });
    });
  });
});
