import type { FieldInfo, ValueType } from '../catalog';
import { suggestNames } from '../suggest';
import type { PlayTimeframe } from '../timeframes';
import type { RefNode } from './ast';

/** Built-in series readable by conditions (§9.1). */
export const PRICE_BUILTINS = ['open', 'high', 'low', 'close', 'volume'] as const;
export const MINUTE_BUILTINS = ['last_price', 'mark_price'] as const;
export const OTHER_BUILTINS = ['funding_rate', 'open_interest'] as const;
export const BUILTINS: readonly string[] = [...PRICE_BUILTINS, ...MINUTE_BUILTINS, ...OTHER_BUILTINS];

/** `position.*` fields (§9.1), in the order of their runtime field codes. */
export const POSITION_FIELDS: readonly FieldInfo[] = [
  { name: 'side', type: 'ENUM', domain: ['flat', 'long', 'short'] },
  { name: 'is_open', type: 'BOOL' },
  { name: 'pending_entry', type: 'BOOL' },
  { name: 'entry_price', type: 'FLOAT' },
  { name: 'bars_in_trade', type: 'INT' },
  { name: 'unrealized_pnl_pct', type: 'FLOAT' },
  { name: 'unrealized_pnl_usdt', type: 'FLOAT' },
  { name: 'roi_pct', type: 'FLOAT' },
  { name: 'tp_legs_filled', type: 'INT' },
];

/** Ids no feature or structure may take (§9.1). */
export const RESERVED_IDS: ReadonlySet<string> = new Set([
  ...BUILTINS,
  'position',
  'setup',
  'all',
  'any',
  'not',
  'between',
  'in',
  'near_abs',
  'near_pct',
  'cross_above',
  'cross_below',
  'holds_for',
  'occurred_within',
  'count_true',
  'holds_for_duration',
  'occurred_within_duration',
  'count_true_duration',
]);

export type SymbolKind = 'feature' | 'structure' | 'builtin' | 'position';

export interface SymbolEntry {
  readonly kind: SymbolKind;
  readonly id: string;
  /** The series TF: feature/structure TF, exec TF for OHLCV/open_interest, `1m` for last/mark price. */
  readonly tf: PlayTimeframe | null;
  readonly fields: readonly FieldInfo[];
}

/** Static type of a value (§10.4), ENUM with its domain. */
export interface ValueTypeInfo {
  readonly type: ValueType;
  readonly domain?: readonly string[];
}

export type RefResolution =
  | { readonly ok: true; readonly ref: RefNode; readonly type: ValueTypeInfo; readonly entry: SymbolEntry }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly hint?: string | undefined;
    };

const ID_PART = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FIELD_PATH = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\](?:\.([A-Za-z_][A-Za-z0-9_]*))?)?$/;

/** Every readable name in a play, built once per load. */
export class SymbolTable {
  private readonly entries = new Map<string, SymbolEntry>();
  readonly used = new Set<string>();

  constructor(execTf: PlayTimeframe) {
    for (const b of PRICE_BUILTINS)
      this.add({ kind: 'builtin', id: b, tf: execTf, fields: [{ name: 'value', type: 'FLOAT' }] });
    for (const b of MINUTE_BUILTINS)
      this.add({ kind: 'builtin', id: b, tf: '1m', fields: [{ name: 'value', type: 'FLOAT' }] });
    this.add({ kind: 'builtin', id: 'funding_rate', tf: null, fields: [{ name: 'value', type: 'FLOAT' }] });
    this.add({
      kind: 'builtin',
      id: 'open_interest',
      tf: execTf,
      fields: [{ name: 'value', type: 'FLOAT' }],
    });
    this.add({ kind: 'position', id: 'position', tf: null, fields: POSITION_FIELDS });
  }

  add(entry: SymbolEntry): void {
    this.entries.set(entry.id, entry);
  }

  get(id: string): SymbolEntry | undefined {
    return this.entries.get(id);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** Resolves `id` + optional field path (`value`, `level[0.618]`, `zone[2].state`) to a canonical ref. */
  resolve(id: string, fieldPath: string | undefined, offset: number): RefResolution {
    const entry = this.entries.get(id);
    if (entry === undefined) {
      const near = suggestNames(id, this.names());
      return {
        ok: false,
        code: 'E_REF_UNKNOWN',
        message: `unknown reference '${id}'`,
        hint:
          near.length > 0
            ? `did you mean ${near.map((n) => `'${n}'`).join(', ')}?`
            : 'declare it under features or structures',
      };
    }
    const readable = entry.fields.filter((f) => f.type !== 'HASH');
    let field: FieldInfo | undefined;
    if (fieldPath === undefined || fieldPath === '') {
      // A bare ref reads `value`, and only when that is the entity's one readable output (§7, §9.2).
      if (entry.kind === 'position' || readable.length !== 1 || readable[0]!.name !== 'value') {
        return {
          ok: false,
          code: 'E_REF_BARE_MULTI',
          message: `'${id}' has several outputs; name one`,
          hint: `use one of ${readable
            .slice(0, 12)
            .map((f) => `${id}.${f.name}`)
            .join(', ')}${readable.length > 12 ? ', …' : ''}`,
        };
      }
      field = readable[0];
    } else {
      field = entry.fields.find((f) => f.name === fieldPath);
      if (field === undefined) {
        const m = FIELD_PATH.exec(fieldPath);
        if (m === null) {
          return {
            ok: false,
            code: 'E_REF_SYNTAX',
            message: `malformed reference '${id}.${fieldPath}'`,
            hint: 'write id.field, id.level[0.618] or id.zone[0].state',
          };
        }
        const [, base, bracket, sub] = m;
        let canonical = base!;
        if (bracket !== undefined) {
          const n = Number(bracket.trim());
          if (bracket.trim() === '' || !Number.isFinite(n)) {
            return {
              ok: false,
              code: 'E_REF_SYNTAX',
              message: `malformed reference '${id}.${fieldPath}'`,
              hint: 'the bracket holds a number, e.g. level[0.618] or zone[0]',
            };
          }
          canonical = sub === undefined ? `${base}_${String(n)}` : `${base}${String(n)}_${sub}`;
        }
        field = entry.fields.find((f) => f.name === canonical);
        if (field === undefined) {
          const names = entry.fields.filter((f) => f.type !== 'HASH').map((f) => f.name);
          const near = suggestNames(canonical, names);
          return {
            ok: false,
            code: 'E_REF_FIELD',
            message: `'${id}' has no field '${fieldPath}'`,
            hint:
              near.length > 0
                ? `did you mean ${near.map((n) => `'${n}'`).join(', ')}?`
                : `available fields: ${names.slice(0, 30).join(', ')}`,
          };
        }
      }
    }
    if (field.type === 'HASH') {
      return {
        ok: false,
        code: 'E_REF_NOT_READABLE',
        message: `field '${field.name}' cannot be used in conditions`,
      };
    }
    if (!ID_PART.test(id)) return { ok: false, code: 'E_REF_SYNTAX', message: `malformed reference '${id}'` };
    this.used.add(id);
    return {
      ok: true,
      ref: { kind: 'ref', id, field: field.name, offset },
      type: field.domain ? { type: field.type, domain: field.domain } : { type: field.type },
      entry,
    };
  }

  /** Resolves a reference string as written (`rsi_14`, `macd.signal`, `fib.level[0.618]`). */
  resolveText(text: string, offset = 0): RefResolution {
    const dot = text.indexOf('.');
    const id = dot < 0 ? text : text.slice(0, dot);
    const fieldPath = dot < 0 ? undefined : text.slice(dot + 1);
    const offsetLike = /^([A-Za-z_][A-Za-z0-9_]*)\[(\d+)\]$/.exec(id);
    if (offsetLike !== null) {
      return {
        ok: false,
        code: 'E_REF_SYNTAX',
        message: `malformed reference '${text}'`,
        hint: `offsets use the verbose form: {feature_id: ${offsetLike[1]}${fieldPath ? `, field: ${fieldPath}` : ''}, offset: ${offsetLike[2]}}`,
      };
    }
    if (id === '' || (dot >= 0 && fieldPath === '') || /\s/.test(text)) {
      return {
        ok: false,
        code: 'E_REF_SYNTAX',
        message: `malformed reference '${text}'`,
        hint: 'write id or id.field',
      };
    }
    return this.resolve(id, fieldPath, offset);
  }
}
