/**
 * Time and power conversions shared by the P&L modules.
 *
 * A year is 365 days (8,760 h) everywhere, so "per MW-year" figures match the
 * 8,760 MWh convention that power contracts and hosting quotes use.
 */
export const HOURS_PER_DAY = 24;
export const DAYS_PER_YEAR = 365;
export const HOURS_PER_YEAR = HOURS_PER_DAY * DAYS_PER_YEAR;
export const MONTHS_PER_YEAR = 12;
export const KW_PER_MW = 1000;
