import { describe, expect, it } from 'vitest';
import { MACHINES, machinesAvailableAt, releaseTimeMs } from '../../../src/core/power/machines';

// Source keys defined in machines.ts's header (the project's power reference notes use the same keys).
const SOURCE_KEYS = [
  'CBECI-list',
  'F2POOL-list',
  'NH-list',
  'CYBERLAIS-list',
  'MG-catalog',
  'CODE-LIST-2',
  'CODE-LIST-3',
  'ZEUS-blog',
  'MININGSTORE-S19',
  'MININGSTORE-XP',
  'HRI-XP',
  'HRI-A16',
  'JIHAN-post',
  'VIABTC-WDMS23',
  'BITSDAY',
  'MINERMAG-CLSK',
  'TECH4U',
  'S21PRO-page',
  'BTCMM-XP',
  'BTCMM-S21PLUS',
  'TOPASIC-S21PH',
  'SALMON-S23',
  'MINERMAG-S23',
  'COINDESK-IT',
  'DECRYPT-RIOT',
  'RIOT-M66S',
  'LUXOR-POD',
  'DCENTRAL-1466',
  'DCENTRAL-1566',
  'SHARESTOCKS-A1566',
];

describe('machine table', () => {
  it('has more than 10 machines, oldest release first (then by model)', () => {
    expect(MACHINES.length).toBeGreaterThan(10);
    for (let i = 1; i < MACHINES.length; i++) {
      const a = MACHINES[i - 1]!;
      const b = MACHINES[i]!;
      const order = a.releaseMonth.localeCompare(b.releaseMonth) || a.model.localeCompare(b.model);
      expect(order, `${a.model} before ${b.model}`).toBeLessThan(0);
    }
  });

  it('every row has positive finite figures, a valid month and J/TH = W ÷ TH/s (rounded to 2 decimals)', () => {
    for (const m of MACHINES) {
      expect(m.hashrateThs, m.model).toBeGreaterThan(0);
      expect(m.powerW, m.model).toBeGreaterThan(0);
      expect(m.efficiencyJPerTh, m.model).toBeGreaterThan(0);
      expect(Number.isFinite(releaseTimeMs(m)), m.model).toBe(true);
      // SHA-256 ASICs: CBECI's list starts 2014-10; the newest rows are planned for 2026.
      expect(m.releaseMonth >= '2014-10' && m.releaseMonth <= '2026-12', m.model).toBe(true);
      expect(Math.abs(m.efficiencyJPerTh - m.powerW / m.hashrateThs), m.model).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it('every row names at least one known source, and the flag matches the source text', () => {
    for (const m of MACHINES) {
      expect(
        SOURCE_KEYS.some((key) => m.source.includes(key)),
        `${m.model}: ${m.source}`,
      ).toBe(true);
      expect(m.uncertain, m.model).toBe(m.source.includes('UNCERTAIN'));
    }
    expect(MACHINES.some((m) => m.uncertain)).toBe(true);
    expect(MACHINES.some((m) => !m.uncertain)).toBe(true);
  });

  it('keeps the reference figures of well-documented machines', () => {
    const byModel = (name: string) => MACHINES.find((m) => m.model === name)!;
    // S19 XP: 140 TH/s, 3,010 W → 21.50 J/TH, shipping Q3 2022 (MININGSTORE-XP, HRI-XP).
    expect(byModel('Antminer S19 XP (140 TH)')).toMatchObject({
      hashrateThs: 140,
      powerW: 3010,
      efficiencyJPerTh: 21.5,
      releaseMonth: '2022-07',
      uncertain: false,
    });
    // S9: 0.098 J/GH = 98 J/TH (CBECI-list).
    expect(byModel('Antminer S9 (11.5 TH)').efficiencyJPerTh).toBe(98);
    // A16 XP: 3,850 W ÷ 300 TH/s = 12.833 → 12.83.
    expect(byModel('Avalon A16 XP (300 TH)').efficiencyJPerTh).toBe(12.83);
  });

  it('a machine is available from the first instant (UTC) of its release month', () => {
    // 2020-05-01T00:00Z = 1,588,291,200 s.
    const s19 = MACHINES.find((m) => m.model === 'Antminer S19 (95 TH)')!;
    expect(releaseTimeMs(s19)).toBe(1_588_291_200_000);
    expect(machinesAvailableAt(1_588_291_200_000 - 1).includes(s19)).toBe(false);
    expect(machinesAvailableAt(1_588_291_200_000).includes(s19)).toBe(true);
    expect(machinesAvailableAt(Date.UTC(2016, 0, 1))).toEqual([]);
    expect(releaseTimeMs({ releaseMonth: '2020-5' })).toBeNaN();
  });
});
