export * from './derive';
export * from './gaps';
export * from './heal';
export * from './info';
export * from './preflight';
export * from './status';
