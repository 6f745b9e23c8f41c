/**
 * Sequential ids of orders, fills and trades (`engine.md` §10.1): a one-letter kind and a six-digit, zero-padded
 * sequence number (`O000001`, `F000001`, `T000001`), so ids sort in creation order as text up to 999 999.
 */
export function sequentialId(kind: 'O' | 'F' | 'T', seq: number): string {
  return `${kind}${String(seq).padStart(6, '0')}`;
}
