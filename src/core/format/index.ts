// Presentation of numbers for the host and the webview alike: SI prefixes, currencies, durations, signed
// percents, dates, axis ticks. Pure and locale-stable (decimal point, fixed grouping) so tests pin exact
// strings; every format function returns text for any number and never throws.
export * from './numbers';
export { compactCount, compactSi, SI_PREFIXES } from './si';
export * from './money';
export { formatPowerCompact, formatPowerRangeCompact } from './power';
export * from './hashrate';
export * from './percent';
export * from './durations';
export * from './dates';
export * from './spoken';
