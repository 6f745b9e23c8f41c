export * from './derive';
export * from './gaps';
export * from './heal';
export * from './preflight';
export * from './status';
