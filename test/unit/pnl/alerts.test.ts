import { describe, expect, it } from 'vitest';
import {
  evaluate,
  initialAlertState,
  parseAlertState,
  type AlertEvent,
  type AlertObservation,
  type AlertSettings,
  type AlertState,
} from '../../../src/core/pnl/alerts';
import { seededRandom } from '../../support/random';

const ZH = 1e21;
const allOn: Partial<AlertSettings> = {
  enabled: { difficultyAdjusted: true, hashrateCrossed: true, belowBreakeven: true, recoveredBreakeven: true },
  breakevenHashpricePerPhDay: 40,
};

/** Feeds observations one by one, restarting (JSON round trip) between each when asked. */
function run(
  observations: AlertObservation[],
  settings: Partial<AlertSettings>,
  opts: { restartEachStep?: boolean; start?: AlertState } = {},
): { state: AlertState; eventsPerStep: AlertEvent[][] } {
  let state = opts.start ?? initialAlertState();
  const eventsPerStep: AlertEvent[][] = [];
  observations.forEach((obs, i) => {
    if (opts.restartEachStep) state = parseAlertState(JSON.parse(JSON.stringify(state)));
    const out = evaluate(state, obs, settings, 1_000 * (i + 1));
    state = out.state;
    eventsPerStep.push(out.events);
  });
  return { state, eventsPerStep };
}

const types = (events: AlertEvent[]): string[] => events.map((e) => e.type);

describe('difficultyAdjusted', () => {
  it('first observation is recorded silently; each new retarget height fires once', () => {
    const { eventsPerStep, state } = run(
      [
        { lastRetargetHeight: 870_912, lastRetargetChangePercent: 1.43 },
        { lastRetargetHeight: 870_912, lastRetargetChangePercent: 1.43 },
        { lastRetargetHeight: 872_928, lastRetargetChangePercent: -2.1 },
        { lastRetargetHeight: 872_928, lastRetargetChangePercent: -2.1 },
      ],
      allOn,
    );
    expect(eventsPerStep.map(types)).toEqual([[], [], ['difficultyAdjusted'], []]);
    expect(eventsPerStep[2]![0]).toEqual({
      type: 'difficultyAdjusted',
      atMs: 3_000,
      height: 872_928,
      changePercent: -2.1,
    });
    expect(state.lastRetargetHeight).toBe(872_928);
  });

  it('a lagging source reporting an older height neither fires nor rewinds', () => {
    const { eventsPerStep } = run(
      [{ lastRetargetHeight: 872_928 }, { lastRetargetHeight: 870_912 }, { lastRetargetHeight: 872_928 }],
      allOn,
    );
    expect(eventsPerStep.flat()).toEqual([]);
  });

  it('fires at most once across a restart', () => {
    const obs = [{ lastRetargetHeight: 870_912 }, { lastRetargetHeight: 872_928 }, { lastRetargetHeight: 872_928 }];
    const { eventsPerStep } = run(obs, allOn, { restartEachStep: true });
    expect(eventsPerStep.map(types)).toEqual([[], ['difficultyAdjusted'], []]);
  });

  it('disabled: never fires, but tracks — enabling later does not announce an old retarget', () => {
    const off = { ...allOn, enabled: { ...allOn.enabled!, difficultyAdjusted: false } };
    const first = run([{ lastRetargetHeight: 870_912 }, { lastRetargetHeight: 872_928 }], off);
    expect(first.eventsPerStep.flat()).toEqual([]);
    const { eventsPerStep } = run([{ lastRetargetHeight: 872_928 }, { lastRetargetHeight: 874_944 }], allOn, {
      start: first.state,
    });
    expect(eventsPerStep.map(types)).toEqual([[], ['difficultyAdjusted']]);
  });
});

// These observations carry no block count, so the ± 0.5 % dead band applies (significance needs the count).
describe('hashrateCrossed (1 ZH/s, ± 0.5 % dead band: 0.995–1.005 ZH/s)', () => {
  it('fires once per crossing in each direction and not while wobbling inside the band', () => {
    const values = [0.98, 1.002, 0.999, 1.004, 1.006, 1.003, 0.996, 1.001, 0.994, 0.99, 1.01];
    //               base  band   band   band   UP     band   band   band   DOWN   below  UP
    const { eventsPerStep } = run(
      values.map((v) => ({ hashrate7dHps: v * ZH })),
      allOn,
    );
    const fired = eventsPerStep.map((es, i) => (es.length ? `${i}:${(es[0] as { direction: string }).direction}` : ''));
    expect(fired.filter(Boolean)).toEqual(['4:up', '8:down', '10:up']);
  });

  it('first observation above the line is a silent baseline', () => {
    const { eventsPerStep, state } = run([{ hashrate7dHps: 1.2 * ZH }, { hashrate7dHps: 1.1 * ZH }], allOn);
    expect(eventsPerStep.flat()).toEqual([]);
    expect(state.hashrate).toEqual({ side: 'above', thresholdHps: ZH });
  });

  it('event payload names direction, threshold and value', () => {
    const { eventsPerStep } = run([{ hashrate7dHps: 0.9 * ZH }, { hashrate7dHps: 1.1 * ZH }], allOn);
    expect(eventsPerStep[1]).toEqual([
      { type: 'hashrateCrossed', atMs: 2_000, direction: 'up', thresholdHps: ZH, hashrate7dHps: 1.1 * ZH },
    ]);
  });

  it('moving the threshold re-baselines silently', () => {
    let { state } = run([{ hashrate7dHps: 0.9 * ZH }], allOn);
    const moved = { ...allOn, hashrateThresholdHps: 0.8 * ZH };
    const out = evaluate(state, { hashrate7dHps: 0.9 * ZH }, moved, 5_000);
    expect(out.events).toEqual([]);
    state = out.state;
    expect(state.hashrate).toEqual({ side: 'above', thresholdHps: 0.8 * ZH });
    expect(types(evaluate(state, { hashrate7dHps: 0.7 * ZH }, moved, 6_000).events)).toEqual(['hashrateCrossed']);
  });

  it('a crossing while disabled is not reported after enabling', () => {
    const off = { ...allOn, enabled: { ...allOn.enabled!, hashrateCrossed: false } };
    const { state, eventsPerStep } = run([{ hashrate7dHps: 0.9 * ZH }, { hashrate7dHps: 1.1 * ZH }], off);
    expect(eventsPerStep.flat()).toEqual([]);
    expect(evaluate(state, { hashrate7dHps: 1.1 * ZH }, allOn, 9_000).events).toEqual([]);
  });

  it('crossing survives restarts: fires once even when the same value is seen again after restart', () => {
    const { eventsPerStep } = run(
      [0.9, 1.1, 1.1, 1.1].map((v) => ({ hashrate7dHps: v * ZH })),
      allOn,
      { restartEachStep: true },
    );
    expect(eventsPerStep.map(types)).toEqual([[], ['hashrateCrossed'], [], []]);
  });
});

describe('hashrateCrossed with significance (1008-block estimates)', () => {
  const EH = 1e18;
  const at = (ehs: number): AlertObservation => ({ hashrate7dHps: ehs * EH, hashrate7dBlocks: 1008 });
  // scipy 1.17.1: P(true < 1 ZH/s) = P(1008, 1008·1000/Ĥ) reaches 0.95 at Ĥ = 1008·1000/G⁻¹(0.95; 1008)
  // = 950.24 EH/s, and P(true > 1 ZH/s) reaches 0.95 at Ĥ = 1008·1000/G⁻¹(0.05; 1008) = 1054.005 EH/s.
  // At 0.80 the edges are 974.27 and 1027.33 EH/s. P(below) at 950 EH/s = 0.95084, at 960 EH/s = 0.90581.

  it('is on by default: a fall to 960 EH/s (P(below) = 91 %) does not notify, 950 EH/s (95.1 %) does', () => {
    const { eventsPerStep } = run([1010, 960, 950.5, 950, 1000, 1053, 1054.1].map(at), allOn);
    expect(eventsPerStep.map(types)).toEqual([[], [], [], ['hashrateCrossed'], [], [], ['hashrateCrossed']]);
    const down = eventsPerStep[3]![0]!;
    expect(down).toMatchObject({ direction: 'down', thresholdHps: 1e21, hashrate7dHps: 950 * EH });
    expect((down as { probability: number }).probability).toBeCloseTo(0.95084, 4);
    expect((eventsPerStep[6]![0] as { probability: number }).probability).toBeGreaterThanOrEqual(0.95);
  });

  it('follows the confidence level (0.80: below from 974.27 EH/s)', () => {
    const at80 = { ...allOn, confidenceLevel: 0.8 };
    expect(run([1000, 975].map(at), at80).eventsPerStep.flat()).toEqual([]);
    expect(types(run([1000, 974].map(at), at80).eventsPerStep[1]!)).toEqual(['hashrateCrossed']);
  });

  it('off: the dead band decides (960 EH/s notifies at once)', () => {
    const { eventsPerStep } = run([1010, 960].map(at), { ...allOn, requireSignificance: false });
    expect(eventsPerStep.map(types)).toEqual([[], ['hashrateCrossed']]);
    expect(eventsPerStep[1]![0]).not.toHaveProperty('probability');
  });

  /**
   * The true rate sits exactly on the threshold for 30 days; each block replaces the oldest of the 1008
   * exponential block intervals behind the estimate (Ĥ = 1 ZH/s × 1008·600 s / their sum), and every new
   * estimate is evaluated: the random walk of the real 7-day figure.
   */
  function notificationsAtTheLine(seed: number, settings: Partial<AlertSettings>): number {
    const random = seededRandom(seed);
    const intervalsS = Array.from({ length: 1008 }, () => random.exponential(1 / 600));
    let sumS = intervalsS.reduce((a, b) => a + b, 0);
    let state = initialAlertState();
    let count = 0;
    for (let block = 0; block < 30 * 144; block++) {
      const newS = random.exponential(1 / 600);
      sumS += newS - intervalsS[block % 1008]!;
      intervalsS[block % 1008] = newS;
      const out = evaluate(
        state,
        { hashrate7dHps: (1e21 * 1008 * 600) / sumS, hashrate7dBlocks: 1008 },
        settings,
        block,
      );
      state = out.state;
      count += out.events.length;
    }
    return count;
  }

  it('seeded random walk on the line: at most one notification with significance, many without', () => {
    expect(notificationsAtTheLine(1, allOn)).toBeLessThanOrEqual(1);
    expect(notificationsAtTheLine(1, { ...allOn, requireSignificance: false })).toBeGreaterThanOrEqual(5);
  });

  it('over 20 seeds: never more than two with significance (a second needs a 3.3σ swing), ten times fewer in all', () => {
    const withSignificance = Array.from({ length: 20 }, (_, i) => notificationsAtTheLine(i + 1, allOn));
    const without = Array.from({ length: 20 }, (_, i) =>
      notificationsAtTheLine(i + 1, { ...allOn, requireSignificance: false }),
    );
    const total = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    expect(Math.max(...withSignificance)).toBeLessThanOrEqual(2);
    expect(Math.min(...without)).toBeGreaterThanOrEqual(4);
    expect(total(withSignificance) * 10).toBeLessThan(total(without));
  });
});

describe('belowBreakeven / recoveredBreakeven (breakeven $40, dead band $39.80–$40.20)', () => {
  it('fires below once, recovered once, with hysteresis', () => {
    const hashprices = [45, 39.9, 39.7, 39.5, 40.1, 40.3, 40.25, 39.85];
    //                  base band  BELOW  –    band  RECOV  –     band
    const { eventsPerStep } = run(
      hashprices.map((h) => ({ hashpricePerPhDay: h })),
      allOn,
    );
    expect(eventsPerStep.map(types)).toEqual([[], [], ['belowBreakeven'], [], [], ['recoveredBreakeven'], [], []]);
    expect(eventsPerStep[2]![0]).toEqual({
      type: 'belowBreakeven',
      atMs: 3_000,
      hashpricePerPhDay: 39.7,
      breakevenHashpricePerPhDay: 40,
    });
  });

  it('below/recovered are separately opt-in', () => {
    const onlyRecovered = { ...allOn, enabled: { ...allOn.enabled!, belowBreakeven: false } };
    const { eventsPerStep } = run(
      [45, 30, 45].map((h) => ({ hashpricePerPhDay: h })),
      onlyRecovered,
    );
    expect(eventsPerStep.map(types)).toEqual([[], [], ['recoveredBreakeven']]);
  });

  it('no breakeven known → idle; setting one later starts from a silent baseline', () => {
    const none = { ...allOn, breakevenHashpricePerPhDay: null };
    const first = run([{ hashpricePerPhDay: 45 }], none);
    expect(first.state.breakeven).toBeNull();
    const { state, eventsPerStep } = run([{ hashpricePerPhDay: 30 }, { hashpricePerPhDay: 30 }], allOn, {
      start: first.state,
    });
    expect(eventsPerStep.flat()).toEqual([]);
    expect(state.breakeven).toEqual({ side: 'below', breakevenHashpricePerPhDay: 40 });
  });

  it('all alerts off by default', () => {
    const { eventsPerStep } = run(
      [
        { lastRetargetHeight: 2016, hashrate7dHps: 0.5 * ZH, hashpricePerPhDay: 50 },
        { lastRetargetHeight: 4032, hashrate7dHps: 2 * ZH, hashpricePerPhDay: 10 },
      ],
      { breakevenHashpricePerPhDay: 40 },
    );
    expect(eventsPerStep.flat()).toEqual([]);
  });
});

describe('state', () => {
  it('a combined sequence with a restart in the middle fires each event exactly once', () => {
    const obs: AlertObservation[] = [
      { lastRetargetHeight: 2016, hashrate7dHps: 0.99 * ZH, hashpricePerPhDay: 41 },
      { lastRetargetHeight: 4032, lastRetargetChangePercent: 3, hashrate7dHps: 1.01 * ZH, hashpricePerPhDay: 39 },
      { lastRetargetHeight: 4032, lastRetargetChangePercent: 3, hashrate7dHps: 1.01 * ZH, hashpricePerPhDay: 39 },
    ];
    const first = run(obs.slice(0, 2), allOn);
    expect(first.eventsPerStep[1]!.map((e) => e.type).sort()).toEqual(
      ['belowBreakeven', 'difficultyAdjusted', 'hashrateCrossed'].sort(),
    );
    const restored = parseAlertState(JSON.parse(JSON.stringify(first.state)));
    expect(restored).toEqual(first.state);
    expect(evaluate(restored, obs[2]!, allOn, 10_000).events).toEqual([]);
  });

  it('does not mutate the state passed in', () => {
    const state = initialAlertState();
    const before = JSON.stringify(state);
    evaluate(state, { lastRetargetHeight: 2016, hashrate7dHps: ZH, hashpricePerPhDay: 50 }, allOn, 1);
    expect(JSON.stringify(state)).toBe(before);
  });

  it('missing or bad observation fields leave trackers untouched', () => {
    const { state } = run([{ lastRetargetHeight: 2016, hashrate7dHps: 0.9 * ZH, hashpricePerPhDay: 50 }], allOn);
    const out = evaluate(
      state,
      { lastRetargetHeight: Number.NaN, hashrate7dHps: null, hashpricePerPhDay: Infinity },
      allOn,
      2,
    );
    expect(out.events).toEqual([]);
    expect({ ...out.state, lastEvaluatedMs: null }).toEqual({ ...state, lastEvaluatedMs: null });
  });

  it('garbage in globalState becomes a fresh state (silent re-baseline, never an event)', () => {
    for (const raw of [undefined, null, 'x', 42, { version: 2 }, { version: 1, hashrate: { side: 'up' } }]) {
      const state = parseAlertState(raw);
      expect(state.hashrate).toBeNull();
      expect(state.lastRetargetHeight).toBeNull();
      expect(evaluate(state, { lastRetargetHeight: 2016, hashrate7dHps: 2 * ZH }, allOn, 1).events).toEqual([]);
    }
  });
});
