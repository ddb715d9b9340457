/** Public surface of the network-power core: machines, breakeven, CBECI-style bounds, hash drops, pools. */
export * from './machines';
export * from './breakeven';
export * from './networkPower';
export * from './whereHashWent';
export * from './hashDrop';
export * from './pools';
export * from './poolShares';
export * from './assumptions';
