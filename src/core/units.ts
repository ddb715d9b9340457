/**
 * Unit factors, each defined once. Hash rates are stored in H/s everywhere (`…Hps`); these convert to the
 * units people read and type (TH/s per miner, PH/s per hashprice, EH/s for the network, ZH/s thresholds).
 *
 * A year is 365 days (8,760 h) everywhere, so "per MW-year" figures match the 8,760 MWh convention that
 * power contracts and hosting quotes use.
 */
export const HPS_PER_KHS = 1e3;
export const HPS_PER_MHS = 1e6;
export const HPS_PER_GHS = 1e9;
export const HPS_PER_THS = 1e12;
export const HPS_PER_PHS = 1e15;
export const HPS_PER_EHS = 1e18;
export const HPS_PER_ZHS = 1e21;
/** 1 PH/s = 1,000 TH/s: at E J/TH one PH/s draws E kW. */
export const THS_PER_PHS = HPS_PER_PHS / HPS_PER_THS;

export const HOURS_PER_DAY = 24;
export const DAYS_PER_YEAR = 365;
export const HOURS_PER_YEAR = HOURS_PER_DAY * DAYS_PER_YEAR;
export const MONTHS_PER_YEAR = 12;
export const KW_PER_MW = 1000;
