/** The `source` values of indicators.md §1.1, in the order of the spec. */
export const SOURCES = ['close', 'open', 'high', 'low', 'volume', 'hl2', 'hlc3', 'ohlc4'] as const;
export type Source = (typeof SOURCES)[number];

/** Numeric source ids so the per-bar selection is a switch on an integer, not a string. */
export const SourceId: Readonly<Record<Source, number>> = {
  close: 0,
  open: 1,
  high: 2,
  low: 3,
  volume: 4,
  hl2: 5,
  hlc3: 6,
  ohlc4: 7,
};

/** The source value of one bar; hl2/hlc3/ohlc4 in the operand order of §1.1. */
export function selectSource(id: number, o: number, h: number, l: number, c: number, v: number): number {
  switch (id) {
    case 0:
      return c;
    case 1:
      return o;
    case 2:
      return h;
    case 3:
      return l;
    case 4:
      return v;
    case 5:
      return (h + l) / 2;
    case 6:
      return (h + l + c) / 3;
    default:
      return (o + h + l + c) / 4;
  }
}

export function isSource(value: unknown): value is Source {
  return typeof value === 'string' && (SOURCES as readonly string[]).includes(value);
}
