import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function segmentRegex(segment: string): RegExp {
  const body = segment
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/**
 * Files under `root` matching a relative glob (`*` and `?` inside one path segment; no `**`), sorted. The
 * manifest's `file` must match exactly one file (`validation.md` §11.2), so the caller judges the count.
 */
export function globFiles(root: string, pattern: string): string[] {
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  let current = [root];
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    const next: string[] = [];
    for (const dir of current) {
      if (!/[*?]/.test(segment)) {
        const p = join(dir, segment);
        if (existsSync(p) && (last ? statSync(p).isFile() : statSync(p).isDirectory())) next.push(p);
        continue;
      }
      if (!existsSync(dir)) continue;
      const re = segmentRegex(segment);
      for (const name of readdirSync(dir).sort()) {
        if (!re.test(name)) continue;
        const p = join(dir, name);
        if (last ? statSync(p).isFile() : statSync(p).isDirectory()) next.push(p);
      }
    }
    current = next;
  }
  return current.sort();
}
