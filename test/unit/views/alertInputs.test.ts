import { describe, expect, it } from 'vitest';
import { alertMessage, alertObservation, alertSettings } from '../../../src/core/views/alertInputs';
import { computeGlanceFigures } from '../../../src/core/views/glanceFigures';
import { evaluate, initialAlertState, parseAlertState } from '../../../src/core/pnl/alerts';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { NOW_MS, makeSnapshot } from '../helpers/snapshot';

describe('alerts from snapshots', () => {
  it('observes the last retarget, the 7-day hash rate and hashprice', () => {
    const snapshot = makeSnapshot();
    const figures = computeGlanceFigures(snapshot, 'USD', NOW_MS);
    expect(alertObservation(snapshot, figures)).toEqual({
      lastRetargetHeight: 973_728,
      lastRetargetChangePercent: expect.closeTo(-1.23, 10), // ratio 0.9877
      hashrate7dHps: 987.6e18,
      hashrate7dBlocks: 1008, // getnetworkhashps(1008)
      hashpricePerPhDay: expect.closeTo(43.6223, 4),
    });
  });

  it('fires a difficulty alert exactly once across a restart, and only when enabled', () => {
    const settings = { ...DEFAULT_SETTINGS, alerts: { ...DEFAULT_SETTINGS.alerts, difficultyAdjustment: true } };
    const before = makeSnapshot();
    const figures = computeGlanceFigures(before, 'USD', NOW_MS);
    // First observation ever: baseline, no event.
    let r = evaluate(initialAlertState(), alertObservation(before, figures), alertSettings(settings, figures), NOW_MS);
    expect(r.events).toEqual([]);
    // A retarget happens.
    const after = makeSnapshot({
      hashrate: {
        ...before.hashrate,
        difficulty: [
          ...before.hashrate.difficulty,
          { timeS: 1_795_700_000, height: 975_744, difficulty: 1.4e14, adjustmentRatio: 1.0145 },
        ],
      },
    });
    const restored = parseAlertState(JSON.parse(JSON.stringify(r.state)));
    r = evaluate(restored, alertObservation(after, figures), alertSettings(settings, figures), NOW_MS + 1);
    expect(r.events.map((e) => e.type)).toEqual(['difficultyAdjusted']);
    expect(alertMessage(r.events[0]!, 'USD')).toBe('Bitcoin difficulty adjusted at block 975,744: +1.45%.');
    // The next refresh (and a restart) sees the same retarget: nothing more.
    const again = evaluate(
      parseAlertState(JSON.parse(JSON.stringify(r.state))),
      alertObservation(after, figures),
      alertSettings(settings, figures),
      NOW_MS + 2,
    );
    expect(again.events).toEqual([]);
  });

  it('passes the confidence level and the significance switch to the state machine', () => {
    const figures = computeGlanceFigures(makeSnapshot(), 'USD', NOW_MS);
    expect(alertSettings(DEFAULT_SETTINGS, figures)).toMatchObject({
      requireSignificance: true,
      confidenceLevel: 0.95,
    });
    const custom = {
      ...DEFAULT_SETTINGS,
      confidenceLevel: 0.8,
      alerts: { ...DEFAULT_SETTINGS.alerts, requireSignificance: false },
    };
    expect(alertSettings(custom, figures)).toMatchObject({ requireSignificance: false, confidenceLevel: 0.8 });
  });

  it('says how likely a significant crossing is', () => {
    expect(
      alertMessage(
        {
          type: 'hashrateCrossed',
          atMs: 0,
          direction: 'down',
          thresholdHps: 1e21,
          hashrate7dHps: 9.5e20,
          probability: 0.9508,
        },
        'USD',
      ),
    ).toBe("Bitcoin's 7-day hash rate fell below 1.000 ZH/s: now 950.0 EH/s (95% likely truly below).");
  });

  it('phrases the other events with units', () => {
    expect(
      alertMessage(
        { type: 'hashrateCrossed', atMs: 0, direction: 'down', thresholdHps: 1e21, hashrate7dHps: 9.93e20 },
        'USD',
      ),
    ).toBe("Bitcoin's 7-day hash rate fell below 1.000 ZH/s: now 993.0 EH/s.");
    expect(
      alertMessage({ type: 'belowBreakeven', atMs: 0, hashpricePerPhDay: 39.5, breakevenHashpricePerPhDay: 40 }, 'EUR'),
    ).toBe('Hashprice €39.50/PH/day fell below your breakeven of €40.00/PH/day.');
  });
});
