export * from './gaps';
export * from './heal';
export * from './status';
