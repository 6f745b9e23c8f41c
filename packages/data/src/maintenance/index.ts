export * from './derive';
export * from './gaps';
export * from './heal';
export * from './housekeeping';
export * from './info';
export * from './preflight';
export * from './status';
