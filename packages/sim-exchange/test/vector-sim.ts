import type { Vector, VectorFile } from './vector-kit';

export function runSimVector(_file: VectorFile, v: Vector): void {
  throw new Error(`SimExchange vectors not wired yet: ${v.id}`);
}
