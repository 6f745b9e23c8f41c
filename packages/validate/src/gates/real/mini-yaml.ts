import { TradeError } from '@trade/core';

/**
 * A located YAML node of the small block-style subset the real-data manifest uses (`validation.md` §11.2):
 * block mappings, block sequences, one-line flow mappings `{k: v, …}` and plain or quoted scalars, `#` comments.
 * `@trade/validate` has no YAML dependency of its own; anything outside the subset (anchors, multi-line strings,
 * flow sequences, tags, several documents) is refused with the line and column, never guessed.
 */
export type MiniNode =
  | { readonly kind: 'map'; readonly line: number; readonly entries: readonly MiniEntry[] }
  | { readonly kind: 'seq'; readonly line: number; readonly items: readonly MiniNode[] }
  | { readonly kind: 'scalar'; readonly line: number; readonly value: string | number | boolean | null };

export interface MiniEntry {
  readonly key: string;
  readonly line: number;
  readonly value: MiniNode;
}

interface Line {
  readonly no: number;
  readonly indent: number;
  readonly text: string;
}

export class ManifestSyntaxError extends TradeError {}

function syntax(file: string, line: number, col: number, message: string): ManifestSyntaxError {
  // Location lives in file/line/col (the CLI prints `file:line:col:` itself), not in the message.
  return new ManifestSyntaxError('E_MANIFEST_SYNTAX', message, {
    file,
    line,
    col,
    hint: 'the manifest uses block-style YAML: "key: value", "- item" lists and one-line {k: v} maps',
  });
}

/** Drops a trailing `# comment` that is outside quotes. */
function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ')) return text.slice(0, i).trimEnd();
  }
  return text.trimEnd();
}

function scalarOf(raw: string, file: string, line: number, col: number): MiniNode {
  const t = raw.trim();
  if (t.startsWith('"') || t.startsWith("'")) {
    const q = t[0]!;
    if (t.length < 2 || !t.endsWith(q)) throw syntax(file, line, col, `unterminated quoted string ${t}`);
    return { kind: 'scalar', line, value: t.slice(1, -1) };
  }
  if (/^[&*!|>[@`]/.test(t)) throw syntax(file, line, col, `unsupported YAML syntax '${t}'`);
  if (t === '' || t === '~' || t === 'null') return { kind: 'scalar', line, value: null };
  if (t === 'true' || t === 'false') return { kind: 'scalar', line, value: t === 'true' };
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return { kind: 'scalar', line, value: Number(t) };
  return { kind: 'scalar', line, value: t };
}

/** Splits `a: 1, b: {c: 2}` at top-level commas. */
function splitFlow(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  const last = body.slice(start);
  if (last.trim() !== '') parts.push(last);
  return parts;
}

/** The `key: rest` split of one entry, or undefined when the text is not a mapping entry. */
function splitKey(text: string): { key: string; rest: string } | undefined {
  const m = /^("[^"]*"|'[^']*'|[^\s:{}[\],#'"][^:{}[\],#]*?)\s*:(\s+|$)/.exec(text);
  if (m === null) return undefined;
  const key = m[1]!.replace(/^["']|["']$/g, '');
  return { key, rest: text.slice(m[0].length) };
}

function nodeOf(raw: string, file: string, line: number, col: number): MiniNode {
  const t = raw.trim();
  if (t.startsWith('{')) {
    if (!t.endsWith('}')) throw syntax(file, line, col, 'a flow mapping must close on the same line');
    const entries: MiniEntry[] = [];
    for (const part of splitFlow(t.slice(1, -1))) {
      const kv = splitKey(part.trim());
      if (kv === undefined) throw syntax(file, line, col, `expected 'key: value' in '${part.trim()}'`);
      entries.push({ key: kv.key, line, value: nodeOf(kv.rest, file, line, col) });
    }
    return { kind: 'map', line, entries };
  }
  if (t.startsWith('['))
    throw syntax(file, line, col, 'flow sequences [..] are not supported; use "- item" lines');
  return scalarOf(t, file, line, col);
}

/** Parses manifest text into a located tree; the root must be a mapping. */
export function parseMiniYaml(text: string, file: string): MiniNode {
  const lines: Line[] = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  src.split(/\r?\n/).forEach((rawLine, i) => {
    if (/^\s*\t/.test(rawLine)) throw syntax(file, i + 1, 1, 'tabs are not allowed for indentation');
    const body = stripComment(rawLine);
    if (body.trim() === '') return;
    if (body.trim() === '---' && lines.length === 0) return;
    if (body.trim() === '---' || body.trim() === '...')
      throw syntax(file, i + 1, 1, 'the manifest is one YAML document');
    lines.push({ no: i + 1, indent: body.length - body.trimStart().length, text: body.trimStart() });
  });
  if (lines.length === 0) throw syntax(file, 1, 1, 'the manifest is empty');
  let pos = 0;

  const block = (indent: number): MiniNode => {
    const first = lines[pos]!;
    if (first.text.startsWith('- ') || first.text === '-') {
      const items: MiniNode[] = [];
      while (pos < lines.length && lines[pos]!.indent === indent && /^-(\s|$)/.test(lines[pos]!.text)) {
        const ln = lines[pos]!;
        const rest = ln.text.slice(1).trimStart();
        const inner = ln.indent + (ln.text.length - rest.length);
        if (rest === '') {
          pos++;
          if (pos >= lines.length || lines[pos]!.indent <= indent)
            throw syntax(file, ln.no, ln.indent + 1, 'empty list item');
          items.push(block(lines[pos]!.indent));
        } else if (splitKey(rest) !== undefined && !rest.startsWith('{')) {
          // "- key: v" opens a mapping whose further keys sit at the column of "key".
          lines[pos] = { no: ln.no, indent: inner, text: rest };
          items.push(block(inner));
        } else {
          items.push(nodeOf(rest, file, ln.no, inner + 1));
          pos++;
        }
      }
      return { kind: 'seq', line: first.no, items };
    }
    const entries: MiniEntry[] = [];
    while (pos < lines.length && lines[pos]!.indent === indent) {
      const ln = lines[pos]!;
      if (/^-(\s|$)/.test(ln.text))
        throw syntax(file, ln.no, ln.indent + 1, 'a list item where a key was expected');
      const kv = splitKey(ln.text);
      if (kv === undefined)
        throw syntax(file, ln.no, ln.indent + 1, `expected 'key: value', got '${ln.text}'`);
      if (entries.some((e) => e.key === kv.key))
        throw syntax(file, ln.no, ln.indent + 1, `duplicate key '${kv.key}'`);
      pos++;
      if (kv.rest.trim() !== '') {
        const col = ln.indent + 1 + ln.text.length - kv.rest.length;
        entries.push({ key: kv.key, line: ln.no, value: nodeOf(kv.rest, file, ln.no, col) });
      } else if (
        pos < lines.length &&
        (lines[pos]!.indent > indent || (lines[pos]!.indent === indent && /^-(\s|$)/.test(lines[pos]!.text)))
      ) {
        entries.push({ key: kv.key, line: ln.no, value: block(lines[pos]!.indent) });
      } else entries.push({ key: kv.key, line: ln.no, value: { kind: 'scalar', line: ln.no, value: null } });
    }
    return { kind: 'map', line: first.no, entries };
  };

  const root = block(lines[0]!.indent);
  if (pos < lines.length) {
    const ln = lines[pos]!;
    throw syntax(file, ln.no, ln.indent + 1, 'unexpected indentation');
  }
  if (root.kind !== 'map') throw syntax(file, 1, 1, 'the manifest root must be a mapping');
  return root;
}
