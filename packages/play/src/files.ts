import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';
import { checkPlayFile } from './api';
import { compilePlay } from './compile/compile';
import type { Diagnostic } from './diagnostics';
import { playHash, playHashInput } from './hash';
import type { PlayLoadOptions } from './load/load-play';
import type { Play } from './model';

const PLAY_FILE = /\.ya?ml$/i;
/** Data files that live among plays but are not plays (the real tier's manifest, validation.md §11.2). */
const NOT_PLAYS: ReadonlySet<string> = new Set(['manifest.yml']);

/** Every `*.yml`/`*.yaml` under `dir` (recursive), sorted by path for a stable order. */
export function findPlayFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (PLAY_FILE.test(name) && !NOT_PLAYS.has(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export interface PlayFileReport {
  readonly file: string;
  readonly valid: boolean;
  readonly id: string | null;
  readonly playHash: string | null;
  readonly errors: number;
  readonly warnings: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly play: Play | undefined;
}

/** Validates files and directories (every play file in a directory) and reports each file. */
export function validatePlayPaths(
  paths: readonly string[],
  options: Omit<PlayLoadOptions, 'file'> = {},
): PlayFileReport[] {
  const files: string[] = [];
  for (const p of paths) {
    if (existsSync(p) && statSync(p).isDirectory()) files.push(...findPlayFiles(p));
    else files.push(p);
  }
  return files.map((file) => {
    const r = checkPlayFile(file, options);
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    return {
      file,
      valid: r.play !== undefined,
      id: r.play?.id ?? null,
      playHash: r.play ? playHash(r.play) : null,
      errors,
      warnings: r.diagnostics.length - errors,
      diagnostics: r.diagnostics,
      play: r.play,
    };
  });
}

/**
 * Finds a play by path or by id: an existing file is loaded as is; otherwise every play file under
 * `playsDir` is checked for a matching `id` (or file name without extension). Returns the file report,
 * or undefined when nothing matches.
 */
export function resolvePlay(
  ref: string,
  playsDir: string,
  options: Omit<PlayLoadOptions, 'file'> = {},
): PlayFileReport | undefined {
  if (existsSync(ref) && statSync(ref).isFile()) return validatePlayPaths([ref], options)[0];
  if (!existsSync(playsDir)) return undefined;
  const reports = validatePlayPaths([playsDir], options);
  return (
    reports.find((r) => r.id === ref) ??
    reports.find(
      (r) =>
        relative(playsDir, r.file).replace(PLAY_FILE, '') === ref ||
        r.file.replace(/^.*[\\/]/, '').replace(PLAY_FILE, '') === ref,
    )
  );
}

/** The resolved play as plain JSON: the hashed model plus the informative sections, with `play_hash`. */
export function describePlay(play: Play): Record<string, unknown> {
  const compiled = compilePlay(play);
  return {
    play_hash: playHash(play),
    ...playHashInput(play),
    description: play.description,
    date_range: play.date_range,
    deploy: play.deploy,
    synthetic: play.synthetic,
    expected: play.expected,
    variables: play.variables,
    eval_clock: compiled.evalClock,
    warmup_by_tf: Object.fromEntries(compiled.timeframes.map((t) => [t.tf, t.warmupBars])),
  };
}

/** `describePlay` rendered as YAML (what `trade play show` prints). */
export function renderPlayYaml(play: Play): string {
  return stringify(describePlay(play), { aliasDuplicateObjects: false, lineWidth: 0 });
}
