// Presentation of numbers for the host and the webview alike: SI prefixes, currencies, durations, signed
// percents, dates, axis ticks. Pure; grouping and decimal marks follow the display language set with
// setFormatLocale (default English, which tests pin exactly); every format function returns text for any
// number and never throws. The locale setter lives in ./locale (not re-exported: it formats nothing).
export * from './numbers';
export { compactCount, compactSi, SI_PREFIXES } from './si';
export * from './money';
export { formatPowerCompact, formatPowerRangeCompact } from './power';
export * from './hashrate';
export * from './percent';
export * from './durations';
export * from './dates';
export * from './spoken';
