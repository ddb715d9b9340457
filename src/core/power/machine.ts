/**
 * SHA-256 mining machines, 2016–2026: the row type and constructor of the hardware list the network-power bounds
 * (networkPower.ts) and the breakeven chart (breakeven.ts) choose from. The rows are in machinesTo2022.ts and
 * machinesFrom2023.ts (split by release year to keep files short); machines.ts joins them as MACHINES.
 *
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

/** One frozen row; short name to keep the tables readable. `uncertain` follows the UNCERTAIN marker in `source`. */
export function m(
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
