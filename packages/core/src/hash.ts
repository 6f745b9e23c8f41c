import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** Lowercase hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** H(x) of `engine.md` §10.2: SHA-256 of the canonical JSON of `value`. */
export function hashCanonical(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** The `short` form of a hash: its first 12 hex characters. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
