import { blake2bHex, blake2bUint32 } from './blake2b-small';
import { fmt8, roundHalfEven } from './format';

/**
 * Identifier hashes of structures.md §1.5: blake2b with the digest length as a BLAKE2 parameter
 * (a truncated blake2b-512 gives different bytes). Computed only when a pair or zone is created.
 */

/** swing `pair_anchor_hash`: hex of blake2b(dkLen 8) of `"{hi_idx}|{fmt8(hi)}|{lo_idx}|{fmt8(lo)}|{direction}"`. */
export function pairAnchorHash(
  highIdx: number,
  highLevel: number,
  lowIdx: number,
  lowLevel: number,
  direction: 'bullish' | 'bearish',
): string {
  const text = `${highIdx}|${fmt8(highLevel)}|${lowIdx}|${fmt8(lowLevel)}|${direction}`;
  return blake2bHex(text, 8);
}

/** derived_zone `instance_id`: big-endian uint32 of blake2b(dkLen 4) of the zone key. */
export function derivedZoneInstanceId(
  sourceVersion: number,
  highIdx: number,
  lowIdx: number,
  level: number,
  mode: string,
): number {
  const text = `derived_zone|${sourceVersion}|${highIdx}|${lowIdx}|${roundHalfEven(level * 1e6)}|${mode}`;
  return blake2bUint32(text);
}
