export * from './exact';
export * from './fees';
export * from './grid';
export * from './liquidation';
export * from './margin';
export * from './tiers';
