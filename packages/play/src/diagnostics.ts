import { TradeError } from '@trade/core';

/** A source position, 1-based; `col` counts Unicode code points (`play-dsl.md` §1.3). */
export interface SourcePos {
  readonly line: number;
  readonly col: number;
}

export interface RelatedLocation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly note: string;
}

/** One load finding: an error blocks the play, a warning (`W_*` code) never does. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Key path, e.g. `actions.entry_long.all[2][1]` (§1.3). */
  readonly path: string;
  readonly hint: string | null;
  readonly related: readonly RelatedLocation[];
}

export interface DiagnosticInput {
  readonly code: string;
  readonly message: string;
  readonly pos: SourcePos;
  readonly path: string;
  readonly hint?: string | undefined;
  readonly related?: readonly { pos: SourcePos; note: string }[];
}

/** Collects every finding of a load; stages check `hasErrors` to decide whether the pipeline continues. */
export class DiagnosticBag {
  private readonly items: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  constructor(readonly file: string) {}

  add(input: DiagnosticInput): void {
    const key = `${input.code}|${input.pos.line}|${input.pos.col}|${input.path}|${input.message}`;
    // The same node reached twice through an alias reports once.
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push({
      severity: input.code.startsWith('W_') ? 'warning' : 'error',
      code: input.code,
      message: input.message,
      file: this.file,
      line: input.pos.line,
      col: input.pos.col,
      path: input.path,
      hint: input.hint ?? null,
      related: (input.related ?? []).map((r) => ({
        file: this.file,
        line: r.pos.line,
        col: r.pos.col,
        note: r.note,
      })),
    });
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  /** All findings sorted by file position (then code), as §1.3 prints them. */
  sorted(): Diagnostic[] {
    return [...this.items].sort((a, b) => a.line - b.line || a.col - b.col || a.code.localeCompare(b.code));
  }
}

/** Maximum number of diagnostics printed in text form before `… N more` (§1.3). */
export const MAX_PRINTED_DIAGNOSTICS = 100;

/** The text form of §1.3, one block per diagnostic, capped at 100 with a `… N more` line. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const lines: string[] = [];
  for (const d of diagnostics.slice(0, MAX_PRINTED_DIAGNOSTICS)) {
    lines.push(`${d.file}:${d.line}:${d.col}: ${d.severity}[${d.code}] ${d.message}`);
    if (d.path !== '') lines.push(`  at ${d.path}`);
    if (d.hint !== null) lines.push(`  hint: ${d.hint}`);
    for (const r of d.related) lines.push(`  note: ${r.file}:${r.line}:${r.col}: ${r.note}`);
  }
  if (diagnostics.length > MAX_PRINTED_DIAGNOSTICS) {
    lines.push(`… ${diagnostics.length - MAX_PRINTED_DIAGNOSTICS} more`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Thrown by `parsePlay`/`loadPlay` when a play has at least one error; carries every diagnostic of the file. */
export class PlayLoadError extends TradeError {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0] ?? diagnostics[0];
    super(
      first?.code ?? 'E_PLAY_INVALID',
      errors.length <= 1
        ? (first?.message ?? 'play is invalid')
        : `${first?.message} (and ${errors.length - 1} more errors)`,
      {
        kind: 'input',
        ...(first?.hint ? { hint: first.hint } : {}),
        ...(first ? { file: first.file, line: first.line, col: first.col, path: first.path } : {}),
      },
    );
    this.diagnostics = diagnostics;
  }
}
