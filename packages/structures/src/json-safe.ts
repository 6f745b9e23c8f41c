/**
 * Snapshot encoding (structures.md §1.7): NaN ↔ `null`, typed arrays → plain arrays. Every other finite number
 * survives `JSON.stringify`/`parse` exactly, so restored detectors continue bit-identically.
 */
import type { JsonValue } from '@trade/core';

export function toJsonSafe(value: unknown): JsonValue {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (ArrayBuffer.isView(value))
    return Array.from(value as unknown as ArrayLike<number>, (v) => toJsonSafe(v));
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[k] = toJsonSafe(v);
    }
    return out;
  }
  return null;
}

export function fromJsonSafe(value: unknown): unknown {
  if (value === null) return Number.NaN;
  if (Array.isArray(value)) return value.map(fromJsonSafe);
  if (typeof value === 'object' && value !== undefined) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = fromJsonSafe(v);
    return out;
  }
  return value;
}
