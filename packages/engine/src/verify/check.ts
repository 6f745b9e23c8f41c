import type { TypedRow } from './typed-rows';

/** The outcome of one verification check (`cli.md` §4.1: one line `PASS|FAIL <id> <detail>`). */
export interface VerifyCheck {
  /** `INV-xx` of `engine.md` §13, or `ROW-xx` / `EVT-xx` / `STOP-xx` for artifact consistency rules. */
  readonly id: string;
  readonly name: string;
  readonly pass: boolean;
  /** What was compared; on failure the first offending item (and how many more). */
  readonly detail: string;
}

/** Collects the problems one check finds. */
export class Findings {
  readonly problems: string[] = [];

  fail(message: string): void {
    this.problems.push(message);
  }

  /** Records `message` when `ok` is false; returns `ok`. */
  expect(ok: boolean, message: () => string): boolean {
    if (!ok) this.problems.push(message());
    return ok;
  }
}

/**
 * Runs one check. `body` records problems and returns the summary shown when it passes. A check that throws
 * (an artifact shape the check did not expect) fails with the error text instead of aborting the verification.
 */
export function runCheck(id: string, name: string, body: (f: Findings) => string): VerifyCheck {
  const f = new Findings();
  let summary: string;
  try {
    summary = body(f);
  } catch (e) {
    return { id, name, pass: false, detail: `check could not run: ${(e as Error).message}` };
  }
  if (f.problems.length === 0) return { id, name, pass: true, detail: summary };
  const more = f.problems.length > 1 ? ` (and ${f.problems.length - 1} more)` : '';
  return { id, name, pass: false, detail: `${f.problems[0]}${more}` };
}

/** A numeric cell; null (MISSING) reads as NaN. */
export function cell(row: TypedRow, key: string): number {
  const v = row[key];
  return typeof v === 'number' ? v : Number.NaN;
}

/** A text cell; null reads as ''. */
export function text(row: TypedRow, key: string): string {
  const v = row[key];
  return v === null || v === undefined ? '' : String(v);
}

/** A numeric event field; null or absent reads as NaN. */
export function field(event: Readonly<Record<string, unknown>>, key: string): number {
  const v = event[key];
  return typeof v === 'number' ? v : Number.NaN;
}

/** Equal within an absolute tolerance (artifact numbers are doubles of exact booked decimals). */
export function near(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol;
}

/** Equal within a relative tolerance of 1e-9 (and 1e-12 absolute near zero). */
export function nearRel(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
}

/** `value` is an integer multiple of `step`, allowing for the binary representation of decimal steps. */
export function onGrid(value: number, step: number): boolean {
  const r = value / step;
  return Math.abs(r - Math.round(r)) <= 1e-6;
}

export function fmt(value: number): string {
  return Number.isFinite(value) ? String(value) : 'MISSING';
}

/** The line `trade backtest verify` prints for a check (`cli.md` §4.1): `PASS|FAIL <id> <name>: <detail>`. */
export function verifyLine(c: VerifyCheck): string {
  return `${c.pass ? 'PASS' : 'FAIL'} ${c.id} ${c.name}: ${c.detail}`;
}
