import type { SourcePos } from '../diagnostics';

/**
 * The located YAML tree every later stage reads. Each node keeps where it was written so diagnostics point at
 * the exact token; aliases are expanded into copies that remember the alias site (`via`).
 */
export type YNode = YMap | YSeq | YScalar;

interface YBase {
  readonly pos: SourcePos;
  /** Set on nodes reached through an alias: the alias site (the anchor is `pos`). */
  readonly via?: SourcePos | undefined;
}

export interface YEntry {
  readonly key: string;
  readonly keyPos: SourcePos;
  readonly value: YNode;
}

export interface YMap extends YBase {
  readonly kind: 'map';
  readonly entries: readonly YEntry[];
}

export interface YSeq extends YBase {
  readonly kind: 'seq';
  readonly items: readonly YNode[];
}

export type ScalarValue = string | number | boolean | null;

export interface YScalar extends YBase {
  readonly kind: 'scalar';
  readonly value: ScalarValue;
  /** For numbers: written as an integer (`5`, `0x1F`) rather than a float (`5.0`, `5e0`) (§1.1). */
  readonly isInt: boolean;
  /** A template substitution site keeps the variable's declaration for `related` notes (§1.3). */
  readonly fromVariable?: { readonly name: string; readonly pos: SourcePos } | undefined;
}

export function mapGet(map: YMap, key: string): YNode | undefined {
  for (const e of map.entries) if (e.key === key) return e.value;
  return undefined;
}

export function mapEntry(map: YMap, key: string): YEntry | undefined {
  for (const e of map.entries) if (e.key === key) return e;
  return undefined;
}

/** Plain JS value of a located node (for zod checks and the normalized model). */
export function toPlain(node: YNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) {
        Object.defineProperty(out, e.key, { value: toPlain(e.value), enumerable: true, writable: true });
      }
      return out;
    }
  }
}

export function describeNodeType(node: YNode | undefined): string {
  if (node === undefined) return 'nothing';
  if (node.kind === 'map') return 'map';
  if (node.kind === 'seq') return 'list';
  const v = node.value;
  if (v === null) return 'null';
  if (typeof v === 'number') return node.isInt ? 'integer' : 'number';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

/** Short rendering of a scalar for messages (`'…'` quoting is the caller's). */
export function scalarText(node: YNode): string {
  if (node.kind !== 'scalar') return node.kind === 'map' ? '{…}' : '[…]';
  const v = node.value;
  const s = v === null ? 'null' : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
