/** Public surface of the miner P&L core. */
export * from './profitability';
export * from './hosting';
export * from './decomposition';
export * from './whatIf';
export * from './alerts';
export * from './validate';
export * from '../units';
