/**
 * SHA-256 mining machines, 2016–2026: the hardware list the network-power bounds (networkPower.ts) and the
 * breakeven chart (breakeven.ts) choose from.
 *
 * Figures are manufacturer nameplate ("stock") specs as reported by the cited sources, not measured wall
 * power; bins of one model differ, so the bin is in the name. `efficiencyJPerTh` = powerW / hashrateThs
 * rounded to 2 decimals (the test checks it). `releaseMonth` is the month the source gives for announcement
 * or first availability ("YYYY-MM", UTC); 2026 rows are planned shipping dates.
 * `uncertain` marks figures that are single-sourced, conflicting, derived or pre-release; replace them when
 * a manufacturer page or a Hashrate Index review appears, never average conflicting figures silently.
 *
 * Every row names its sources (keys below, same as the project's power reference notes):
 *  CBECI-list     Cambridge CBECI hardware list, github.com/dektox/mining_energy_consumption server_config/miners.csv
 *  F2POOL-list    f2pool.com/miners scrape (~2020), github.com/mattk8/mining-data mining-devices.csv
 *  NH-list        github.com/nhamilton1/asics-tools src/utils/asic-queries/asicWattList.ts
 *  CYBERLAIS-list github.com/cyberlais/bit-cube.new src/models.ts
 *  MG-catalog     "Mining Intelligence Catalog" (Mining Guardian, 2026-04), citing asicminervalue.com and the
 *                 makers' shops (secondary)
 *  CODE-LIST-2/3  other public miner tables on GitHub (corroboration only)
 *  ZEUS-blog      blog.zeusmining.co (A13 launch, S19 Pro review)
 *  MININGSTORE-S19/-XP  miningstore.com guides to the S19 series / S19 XP
 *  HRI-XP, HRI-A16      hashrateindex.com blog: S19 XP price premium; Canaan A16 hardware review
 *  JIHAN-post     Binance Square repost (S19 XP Hyd bin)
 *  VIABTC-WDMS23, BITSDAY, MINERMAG-CLSK  S21 launch at WDMS Hong Kong 2023-09 / CleanSpark S21 order
 *  TECH4U         machine-translated repost on 2023-10 launches (numbers partly garbled)
 *  S21PRO-page, BTCMM-XP, BTCMM-S21PLUS, TOPASIC-S21PH  vendor/profitability pages for S21-family bins
 *  SALMON-S23, MINERMAG-S23  reports of the S21 XP+ Hyd / S21e XP Hyd / S23 line (2025)
 *  COINDESK-IT    CoinDesk 2020-04-17 (M30S+/M30S++ launch), Italian translation
 *  DECRYPT-RIOT, RIOT-M66S  Riot Platforms orders (M56S++, M66S)
 *  LUXOR-POD      Luxor on CoinDesk's Mining Pod, 2025-12-12 (summary)
 *  DCENTRAL-1466/-1566, SHARESTOCKS-A1566  Avalon A1466 / A1566 specs and launch
 */

export interface Machine {
  readonly model: string;
  readonly manufacturer: string;
  /** "YYYY-MM": month of announcement or first availability per the source. */
  readonly releaseMonth: string;
  readonly hashrateThs: number;
  readonly powerW: number;
  /** Joules per terahash = watts per TH/s. */
  readonly efficiencyJPerTh: number;
  /** Source keys (see the header) with what each one says. */
  readonly source: string;
  /** The source text flags a figure as single-sourced, conflicting, derived or pre-release. */
  readonly uncertain: boolean;
}

function m(
  model: string,
  manufacturer: string,
  releaseMonth: string,
  hashrateThs: number,
  powerW: number,
  efficiencyJPerTh: number,
  source: string,
): Machine {
  return Object.freeze({
    model,
    manufacturer,
    releaseMonth,
    hashrateThs,
    powerW,
    efficiencyJPerTh,
    source,
    uncertain: source.includes('UNCERTAIN'),
  });
}

/** Oldest release first (then by model name). */
export const MACHINES: readonly Machine[] = Object.freeze([
  m(
    'Antminer S9 (11.5 TH)',
    'Bitmain',
    '2016-06',
    11.5,
    1127,
    98,
    'CBECI-list (release 2016-06; 0.098 J/GH = 98 J/TH); MG-catalog (1127 W)',
  ),
  m(
    'Antminer S9 (13.5 TH)',
    'Bitmain',
    '2017-09',
    13.5,
    1323,
    98,
    'CBECI-list (release 2017-09; 98 J/TH); NH-list (13.5 TH -> 1323 W); MG-catalog',
  ),
  m(
    'Antminer S17 Pro (53 TH)',
    'Bitmain',
    '2019-04',
    53,
    2094,
    39.51,
    'F2POOL-list (53 TH; 2094 W; released 2019-04); CBECI-list (2019-04; 39.5 J/TH)',
  ),
  m(
    'Antminer S17+ (73 TH)',
    'Bitmain',
    '2019-12',
    73,
    2920,
    40,
    'F2POOL-list (73 TH; 2920 W); CBECI-list (release 2019-12; 40 J/TH). UNCERTAIN release: F2POOL-list says 2019-10',
  ),
  m(
    'WhatsMiner M30S (88 TH)',
    'MicroBT',
    '2020-04',
    88,
    3344,
    38,
    'F2POOL-list (88 TH; 3344 W; listed 2019-12); CBECI-list (release 2020-04; 38 J/TH)',
  ),
  m(
    'WhatsMiner M30S+ (100 TH)',
    'MicroBT',
    '2020-04',
    100,
    3400,
    34,
    'COINDESK-IT (M30S+/M30S++/M31S+ announced 2020-04-17); MG-catalog (100 TH; 3400 W; 34 J/TH); NH-list (100 -> 3400 W)',
  ),
  m(
    'WhatsMiner M30S++ (112 TH)',
    'MicroBT',
    '2020-04',
    112,
    3472,
    31,
    'COINDESK-IT (announced 2020-04-17); MG-catalog (112 TH; 3472 W; 31 J/TH). UNCERTAIN: NH-list pairs 3472 W with 106 TH',
  ),
  m(
    'Antminer S19 (95 TH)',
    'Bitmain',
    '2020-05',
    95,
    3250,
    34.21,
    'F2POOL-list (95 TH; 3250 W; listed 2020-02 = announcement); CBECI-list (release 2020-05; 34.21 J/TH)',
  ),
  m(
    'Antminer S19 Pro (110 TH)',
    'Bitmain',
    '2020-05',
    110,
    3250,
    29.55,
    'F2POOL-list (110 TH; 3250 W); CBECI-list (release 2020-05; 29.55 J/TH); ZEUS-blog (announced end Feb 2020; 110 TH +-3%; 3250 W +-5%)',
  ),
  m(
    'Avalon A1246 (90 TH)',
    'Canaan',
    '2021-01',
    90,
    3420,
    38,
    'MG-catalog (90 TH; 3420 W; 38 J/TH; 2021-01); NH-list (1246: 90 -> 3420 W). UNCERTAIN release month',
  ),
  m(
    'Antminer S19j Pro (104 TH)',
    'Bitmain',
    '2021-07',
    104,
    3068,
    29.5,
    'MG-catalog (104 TH; 3068 W; 2021-07); NH-list (104 -> 3068 W). UNCERTAIN power: MININGSTORE-S19 lists 3082 W for this bin',
  ),
  m(
    'Antminer S19 XP (140 TH)',
    'Bitmain',
    '2022-07',
    140,
    3010,
    21.5,
    'MININGSTORE-XP (announced 2021-11 at WDMS Dubai; 140 TH; 3010 W; first shipments Q3 2022); HRI-XP (first shipments Jul/Aug 2022); NH-list (21.5 J/TH)',
  ),
  m(
    'WhatsMiner M50 (114 TH)',
    'MicroBT',
    '2022-07',
    114,
    3306,
    29,
    'MG-catalog (114 TH; 3306 W; 29 J/TH; 2022-07); NH-list (29 J/TH, bin 118 TH -> 3422 W). UNCERTAIN release month',
  ),
  m(
    'WhatsMiner M50S (126 TH)',
    'MicroBT',
    '2022-07',
    126,
    3276,
    26,
    'MG-catalog (126 TH; 3276 W; 26 J/TH; 2022-07); ZEUS-blog (M50S 0.026 J/GH). UNCERTAIN release month',
  ),
  m(
    'Avalon A1346 (110 TH)',
    'Canaan',
    '2022-08',
    110,
    3300,
    30,
    'ZEUS-blog (A13 series launch; A1346 110 TH at 30 J/TH); MG-catalog (3300 W; 2022-10). UNCERTAIN release month (2022-08 vs 2022-10)',
  ),
  m(
    'Avalon A1366 (130 TH)',
    'Canaan',
    '2022-08',
    130,
    3250,
    25,
    'ZEUS-blog (A1366 130 TH at 25 J/TH); MG-catalog (3250 W; 2022-10). UNCERTAIN release month (2022-08 vs 2022-10)',
  ),
  m(
    'Antminer S19 XP Hyd (255 TH)',
    'Bitmain',
    '2022-10',
    255,
    5304,
    20.8,
    'MG-catalog (255 TH; 5304 W; 20.8 J/TH). UNCERTAIN: release month single-source; a 257 TH / 5345 W bin is quoted in JIHAN-post',
  ),
  m(
    'WhatsMiner M56S++ (230 TH, immersion)',
    'MicroBT',
    '2023-04',
    230,
    5060,
    22,
    'DECRYPT-RIOT (released late April 2023; max 230 TH; 22 J/TH). UNCERTAIN power: derived 230 x 22 (MG-catalog lists a 254 TH / 5588 W bin)',
  ),
  m(
    'WhatsMiner M53S (260 TH, hydro)',
    'MicroBT',
    '2023-05',
    260,
    6760,
    26,
    'MG-catalog (260 TH; 6760 W; 26 J/TH; 2023-05). UNCERTAIN: single secondary source',
  ),
  m(
    'Antminer S21 (200 TH)',
    'Bitmain',
    '2023-09',
    200,
    3500,
    17.5,
    'VIABTC-WDMS23 + BITSDAY (unveiled 2023-09-22 WDMS Hong Kong; 200 TH; 17.5 J/TH); MINERMAG-CLSK (shipments from 2024-01); power = 200 x 17.5',
  ),
  m(
    'Antminer S21 Hyd (335 TH)',
    'Bitmain',
    '2023-09',
    335,
    5360,
    16,
    'VIABTC-WDMS23 (335 TH; 16 J/TH); MG-catalog (5360 W)',
  ),
  m(
    'Avalon A1466 (150 TH)',
    'Canaan',
    '2023-09',
    150,
    3230,
    21.53,
    'DCENTRAL-1466 (150 TH nameplate at 3230 W +-10%); MG-catalog (21.5 J/TH; 2023-09). UNCERTAIN release month',
  ),
  m(
    'Antminer S19k Pro (120 TH)',
    'Bitmain',
    '2023-10',
    120,
    2760,
    23,
    'MG-catalog (120 TH; 2760 W; 23 J/TH); CYBERLAIS-list (120 TH at 23 J/TH). UNCERTAIN: release month single-source',
  ),
  m(
    'Antminer T21 (190 TH)',
    'Bitmain',
    '2023-10',
    190,
    3610,
    19,
    'TECH4U (T21 190 TH at 19 J/TH, announced after S21); MG-catalog (3610 W). UNCERTAIN release month (MG-catalog says 2024-02)',
  ),
  m(
    'WhatsMiner M60 (172 TH)',
    'MicroBT',
    '2023-10',
    172,
    3422,
    19.9,
    'TECH4U (M60/M60S unveiled Dubai 2023-10); MG-catalog note (ASIC Miner Value 172 TH; 3422 W; 19.9 J/TH); CYBERLAIS-list (172 TH; 19.9 J/TH)',
  ),
  m(
    'WhatsMiner M60S (186 TH)',
    'MicroBT',
    '2023-10',
    186,
    3441,
    18.5,
    'TECH4U (M60S 178/186 TH bins, Dubai 2023-10); MG-catalog (3441 W). UNCERTAIN efficiency: TECH4U text (machine translation) gives 17.5 J/TH vs 18.5 from power/hashrate',
  ),
  m(
    'WhatsMiner M63S (390 TH, hydro)',
    'MicroBT',
    '2023-10',
    390,
    7215,
    18.5,
    'MG-catalog (390 TH; 7215 W; 2023-10). UNCERTAIN: single secondary source',
  ),
  m(
    'WhatsMiner M66S (298 TH, immersion)',
    'MicroBT',
    '2023-11',
    298,
    5513,
    18.5,
    'MG-catalog (298 TH; 5513 W; 2023-11); RIOT-M66S (M66S 18.5 J/TH). UNCERTAIN release month',
  ),
  m(
    'Avalon A1566 (185 TH)',
    'Canaan',
    '2024-05',
    185,
    3420,
    18.49,
    'SHARESTOCKS-A1566 (A1566 launched at Bitcoin Asia 2024, May 2024); DCENTRAL-1566 (185 TH nominal); MG-catalog (3420 W). UNCERTAIN power single-source',
  ),
  m(
    'Antminer S21 Pro (234 TH)',
    'Bitmain',
    '2024-07',
    234,
    3510,
    15,
    'MG-catalog (234 TH; 3510 W; 15.0 J/TH; 2024-07). UNCERTAIN power: S21PRO-page quotes 3531 W',
  ),
  m(
    'Antminer S21 XP (270 TH)',
    'Bitmain',
    '2024-09',
    270,
    3645,
    13.5,
    'BTCMM-XP (270 TH +-3%; 13.5 J/TH +-5% at wall); MG-catalog (3645 W; 2024-09). UNCERTAIN release month single-source',
  ),
  m(
    'Antminer S21 XP Hyd (473 TH)',
    'Bitmain',
    '2024-10',
    473,
    5676,
    12,
    'MG-catalog (473 TH; 5676 W; 12.0 J/TH; 2024-10); CODE-LIST-2 (473 TH; 5676 W; 12 J/TH). UNCERTAIN release month single-source',
  ),
  m(
    'Antminer S21e XP Hyd 3U (860 TH)',
    'Bitmain',
    '2025-01',
    860,
    11180,
    13,
    'MG-catalog (860 TH; 11180 W; 13 J/TH; 2025-01); SALMON-S23 (860 TH at 13 J/TH shown with Hut 8 in 2024-09). UNCERTAIN release month',
  ),
  m(
    'Antminer S21+ (216 TH)',
    'Bitmain',
    '2025-02',
    216,
    3564,
    16.5,
    'BTCMM-S21PLUS (216 TH); MG-catalog (3564 W; 16.5 J/TH; 2025-02). UNCERTAIN release month single-source',
  ),
  m(
    'Antminer S21+ Hyd (319 TH)',
    'Bitmain',
    '2025-02',
    319,
    4785,
    15,
    'TOPASIC-S21PH (319 TH; 4785 W); MG-catalog (15.0 J/TH; 2025-02). UNCERTAIN release month single-source',
  ),
  m(
    'Avalon A15 Pro (218 TH)',
    'Canaan',
    '2025-02',
    218,
    3662,
    16.8,
    'MG-catalog (218 TH; 3662 W; 2025-02). UNCERTAIN: single secondary source',
  ),
  m(
    'Antminer S21 XP+ Hyd (500 TH)',
    'Bitmain',
    '2025-07',
    500,
    5500,
    11,
    'SALMON-S23 (S21 XP+ Hydro 500 TH at 11 J/TH); MG-catalog (5500 W; 2025-07). UNCERTAIN release month single-source',
  ),
  m(
    'Avalon A16 (282 TH)',
    'Canaan',
    '2025-10',
    282,
    3900,
    13.83,
    'HRI-A16 (introduced 2025-10; 282 TH +-5%; 3900 W +-10%; 13.8 J/TH)',
  ),
  m(
    'Avalon A16 XP (300 TH)',
    'Canaan',
    '2025-10',
    300,
    3850,
    12.83,
    'HRI-A16 (introduced 2025-10; 300 TH +-5%; 3850 W +-10%; 12.8 J/TH)',
  ),
  m(
    'WhatsMiner M70S+ (244 TH)',
    'MicroBT',
    '2025-12',
    244,
    3140,
    12.87,
    'MG-catalog (244 TH; 3140 W; 2025-12); CODE-LIST-3 (244 TH; 3140 W; releaseDate 2025-12); LUXOR-POD (M70 launched ~2025-12 at ~12.5 J/TH). UNCERTAIN: secondary sources only',
  ),
  m(
    'Antminer S23 (318 TH)',
    'Bitmain',
    '2026-01',
    318,
    3498,
    11,
    'MG-catalog (air-cooled; 318 TH; 3498 W; 11.0 J/TH; 2026-01). UNCERTAIN: single secondary source',
  ),
  m(
    'Antminer S23 Hyd (580 TH)',
    'Bitmain',
    '2026-01',
    580,
    5510,
    9.5,
    'SALMON-S23 (580 TH; 9.5 J/TH; S23 line planned for 2026); MG-catalog (5510 W). UNCERTAIN: MINERMAG-S23 reports 9.7 J/TH; release = planned shipping',
  ),
  m(
    'Antminer S23 Hyd 3U (1160 TH)',
    'Bitmain',
    '2026-01',
    1160,
    11020,
    9.5,
    'SALMON-S23 (3U model >1 PH/s, release 2026-01, 9.5 J/TH); MG-catalog (1160 TH; 11020 W). UNCERTAIN: pre-release figures',
  ),
]);

/** Start of the release month, Unix ms (UTC): a machine counts as available from then on. */
export function releaseTimeMs(machine: Pick<Machine, 'releaseMonth'>): number {
  const match = /^(\d{4})-(\d{2})$/.exec(machine.releaseMonth);
  if (!match) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, 1);
}

/** Machines released at or before `dateMs` (the release month has begun). */
export function machinesAvailableAt(dateMs: number, machines: readonly Machine[] = MACHINES): Machine[] {
  return machines.filter((machine) => releaseTimeMs(machine) <= dateMs);
}
