import { readFileSync, statSync } from 'node:fs';
import type { Catalog } from './catalog';
import { DiagnosticBag, PlayLoadError } from './diagnostics';
import { checkPlayText, type PlayCheckResult, type PlayLoadOptions } from './load/load-play';
import type { Play } from './model';
import { defaultCatalog } from './registries';
import { YAML_LIMITS } from './yaml/parse';

function withCatalog(options: PlayLoadOptions): PlayLoadOptions & { catalog: Catalog } {
  return { ...options, catalog: options.catalog ?? defaultCatalog() };
}

/** Loads YAML text without throwing: the play (when valid) and every diagnostic, errors and warnings. */
export function checkPlay(yamlText: string, options: PlayLoadOptions = {}): PlayCheckResult {
  return checkPlayText(yamlText, withCatalog(options));
}

/** Parses and validates a play from YAML text; throws `PlayLoadError` (with all diagnostics) on any error. */
export function parsePlay(yamlText: string, options: PlayLoadOptions = {}): Play {
  const result = checkPlay(yamlText, options);
  if (result.play === undefined) throw new PlayLoadError(result.diagnostics);
  return result.play;
}

/** Reads a file as UTF-8 (BOM allowed, ≤ 1 MiB) or returns an E_FILE_READ result. */
export function checkPlayFile(
  path: string,
  options: Omit<PlayLoadOptions, 'file'> & { file?: string } = {},
): PlayCheckResult {
  const file = options.file ?? path;
  const fail = (reason: string): PlayCheckResult => {
    const bag = new DiagnosticBag(file);
    bag.add({
      code: 'E_FILE_READ',
      message: `cannot read play file: ${reason}`,
      pos: { line: 1, col: 1 },
      path: '',
    });
    return { play: undefined, diagnostics: bag.sorted() };
  };
  let bytes: Buffer;
  try {
    if (statSync(path).size > YAML_LIMITS.maxBytes) return fail(`larger than ${YAML_LIMITS.maxBytes} bytes`);
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : ((e as Error).message ?? 'unreadable'),
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('not valid UTF-8');
  }
  return checkPlay(text, { ...options, file });
}

/** Reads and validates a play file; throws `PlayLoadError` with every diagnostic on any error. */
export function loadPlay(path: string, options: Omit<PlayLoadOptions, 'file'> = {}): Play {
  const result = checkPlayFile(path, options);
  if (result.play === undefined) throw new PlayLoadError(result.diagnostics);
  return result.play;
}
