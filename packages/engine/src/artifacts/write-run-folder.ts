import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes every file of a run into a sibling temp folder, then renames it into place, replacing an existing
 * folder of the same name (`engine.md` §11.1). A crash mid-write never leaves a half-written run folder.
 */
export function writeRunFolder(folder: string, files: Readonly<Record<string, string>>): void {
  const parent = dirname(folder);
  mkdirSync(parent, { recursive: true });
  const temp = join(parent, `.${basename(folder)}.tmp-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp);
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(temp, name), content, 'utf8');
    rmSync(folder, { recursive: true, force: true });
    renameSync(temp, folder);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw e;
  }
}

/** JSON with keys sorted at every level, 2-space indent and a trailing newline (result.json's format). */
export function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v as Record<string, unknown>).sort())
        out[k] = sort((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}
