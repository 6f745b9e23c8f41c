import { paramsError } from './envelope';

/**
 * Typed reads of a GET query. Every violation is Bybit's `10001` with a detail naming the parameter,
 * so a test (or a human with curl) sees what was wrong.
 */
export class QueryParams {
  constructor(private readonly search: URLSearchParams) {}

  optionalString(name: string): string | undefined {
    const v = this.search.get(name);
    return v === null || v === '' ? undefined : v;
  }

  requiredString(name: string): string {
    const v = this.optionalString(name);
    if (v === undefined) throw paramsError(`${name} is required`);
    return v;
  }

  /** Epoch-ms timestamps and other integers. */
  optionalInt(name: string): number | undefined {
    const v = this.optionalString(name);
    if (v === undefined) return undefined;
    if (!/^-?[0-9]+$/.test(v)) throw paramsError(`${name} must be an integer, got '${v}'`);
    return Number(v);
  }

  /** `limit` within Bybit's documented range; outside it is refused, not clamped (`bybit-mock.md` §6). */
  limit(min: number, max: number, fallback: number): number {
    const v = this.optionalInt('limit');
    if (v === undefined) return fallback;
    if (v < min || v > max) throw paramsError(`limit must be in [${min}, ${max}], got ${v}`);
    return v;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
    const v = this.optionalString(name);
    if (v === undefined) {
      if (fallback !== undefined) return fallback;
      throw paramsError(`${name} is required (one of ${allowed.join(', ')})`);
    }
    if (!(allowed as readonly string[]).includes(v)) {
      throw paramsError(`${name} '${v}' is not supported (one of ${allowed.join(', ')})`);
    }
    return v as T;
  }

  /** Opaque page cursor: base64 of the next offset (`bybit-mock.md` §6). */
  cursorOffset(): number {
    const v = this.optionalString('cursor');
    if (v === undefined) return 0;
    const decoded = Buffer.from(v, 'base64').toString('utf8');
    if (!/^[0-9]+$/.test(decoded)) throw paramsError(`cursor '${v}' is not a cursor this server issued`);
    return Number(decoded);
  }
}

export function encodeCursor(offset: number): string {
  return Buffer.from(String(offset), 'utf8').toString('base64');
}
