import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import type { DiagnosticBag, SourcePos } from '../diagnostics';
import { childPath, indexPath } from '../key-path';
import type { YEntry, YNode, YScalar } from './tree';

/** Limits that keep hostile input (alias bombs, deep nesting) bounded in time and memory. */
export const YAML_LIMITS = {
  maxBytes: 1024 * 1024,
  /** Nodes after alias expansion; a real play has a few hundred. */
  maxExpandedNodes: 100_000,
  maxDepth: 64,
} as const;

const MAX_EXACT = 2 ** 53;
const INT_SOURCE = /^[-+]?(?:0|[1-9][0-9]*|0x[0-9a-fA-F]+|0o[0-7]+)$/;

class PosIndex {
  constructor(
    private readonly src: string,
    private readonly lineStarts: readonly number[],
  ) {}

  /** 1-based line and code-point column of a UTF-16 offset. */
  at(offset: number): SourcePos {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = starts[lo] ?? 0;
    let col = 1;
    for (let i = start; i < offset && i < this.src.length; i++) {
      const c = this.src.charCodeAt(i);
      // A surrogate pair is one code point: count only its high half.
      if (c < 0xdc00 || c > 0xdfff) col++;
    }
    return { line: lo + 1, col };
  }
}

class ExpansionLimit extends Error {}

/**
 * Stage 1 of §1.2: decode, parse as exactly one YAML 1.2 (core schema) document whose root is a mapping, and
 * build the located tree. Reports E_YAML_* and E_ROOT_TYPE; returns undefined when the file cannot be used.
 */
export function parseYamlTree(text: string, bag: DiagnosticBag): YNode | undefined {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const start: SourcePos = { line: 1, col: 1 };
  if (src.length > YAML_LIMITS.maxBytes) {
    bag.add({
      code: 'E_FILE_READ',
      message: `cannot read play file: larger than ${YAML_LIMITS.maxBytes} bytes`,
      pos: start,
      path: '',
    });
    return undefined;
  }
  const lineCounter = new LineCounter();
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(src, {
      lineCounter,
      uniqueKeys: false,
      merge: false,
      version: '1.2',
      schema: 'core',
      prettyErrors: false,
      strict: true,
    });
  } catch (e) {
    bag.add({
      code: 'E_YAML_SYNTAX',
      message: `YAML syntax error: ${(e as Error).message.split('\n')[0]}`,
      pos: start,
      path: '',
      hint: 'check indentation/quoting here',
    });
    return undefined;
  }
  const index = new PosIndex(src, lineCounter.lineStarts);
  const list = Array.isArray(docs) ? docs : [docs];
  if (
    list.length === 0 ||
    (list.length === 1 && list[0]!.contents === null && list[0]!.errors.length === 0)
  ) {
    bag.add({ code: 'E_YAML_EMPTY', message: 'play file is empty', pos: start, path: '' });
    return undefined;
  }
  if (list.length > 1) {
    const second = list[1]!;
    bag.add({
      code: 'E_YAML_MULTI_DOC',
      message: 'play file must contain one YAML document',
      pos: index.at(second.range?.[0] ?? 0),
      path: '',
      hint: 'remove `---`',
    });
    return undefined;
  }
  const doc = list[0]!;
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const firstLine = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      bag.add({
        code: 'E_YAML_SYNTAX',
        message: `YAML syntax error: ${firstLine}`,
        pos: index.at(err.pos[0]),
        path: '',
        hint: 'check indentation/quoting here',
      });
    }
    return undefined;
  }
  const contents = doc.contents as Node | null;
  if (contents === null) {
    bag.add({ code: 'E_YAML_EMPTY', message: 'play file is empty', pos: start, path: '' });
    return undefined;
  }
  let budget: number = YAML_LIMITS.maxExpandedNodes;
  let failed = false;
  const activeAliases = new Set<Node>();

  const convert = (
    node: Node | null,
    path: string,
    depth: number,
    fallback: SourcePos,
    via?: SourcePos,
  ): YNode => {
    if (--budget < 0) throw new ExpansionLimit();
    if (node === null) return { kind: 'scalar', value: null, isInt: false, pos: fallback, via };
    const pos = node.range ? index.at(node.range[0]) : fallback;
    if (depth > YAML_LIMITS.maxDepth) {
      failed = true;
      bag.add({
        code: 'E_YAML_SYNTAX',
        message: `YAML syntax error: nesting deeper than ${YAML_LIMITS.maxDepth} levels`,
        pos: via ?? pos,
        path,
      });
      return { kind: 'scalar', value: null, isInt: false, pos, via };
    }
    if (isAlias(node)) {
      const target = node.resolve(doc) as Node | undefined;
      if (target === undefined) {
        failed = true;
        bag.add({
          code: 'E_YAML_SYNTAX',
          message: `YAML syntax error: unknown alias '*${node.source}'`,
          pos,
          path,
        });
        return { kind: 'scalar', value: null, isInt: false, pos, via };
      }
      if (activeAliases.has(target)) {
        failed = true;
        bag.add({ code: 'E_YAML_SYNTAX', message: 'YAML syntax error: alias refers to itself', pos, path });
        return { kind: 'scalar', value: null, isInt: false, pos, via };
      }
      activeAliases.add(target);
      const out = convert(target, path, depth, pos, via ?? pos);
      activeAliases.delete(target);
      return out;
    }
    const tag = (node as { tag?: string }).tag;
    if (tag !== undefined) {
      failed = true;
      // The node's range starts after its tag: point at the `!` written before it on the same line.
      const start = node.range?.[0] ?? 0;
      const lineStart = src.lastIndexOf('\n', start - 1) + 1;
      let i = start - 1;
      while (i >= lineStart && (src[i] === ' ' || src[i] === '\t')) i--;
      while (
        i >= lineStart &&
        src[i] !== ' ' &&
        src[i] !== '\t' &&
        src[i] !== '{' &&
        src[i] !== '[' &&
        src[i] !== ','
      )
        i--;
      const tagPos = src[i + 1] === '!' ? index.at(i + 1) : pos;
      bag.add({
        code: 'E_YAML_TAG',
        message: 'YAML tags and merge keys are not allowed',
        pos: via ?? tagPos,
        path,
        hint: 'write the values out',
      });
    }
    if (isMap(node)) {
      const entries: YEntry[] = [];
      const firstAt = new Map<string, SourcePos>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const keyPos = keyNode?.range ? index.at(keyNode.range[0]) : pos;
        let key: string;
        if (isScalar(keyNode)) {
          key =
            keyNode.value === null
              ? ''
              : typeof keyNode.value === 'string'
                ? keyNode.value
                : (keyNode.source ?? String(keyNode.value));
        } else {
          key = keyNode ? src.slice(keyNode.range?.[0] ?? 0, keyNode.range?.[1] ?? 0) : '';
        }
        const kPath = childPath(path, key);
        if (key === '<<' && isScalar(keyNode) && keyNode.type === 'PLAIN') {
          failed = true;
          bag.add({
            code: 'E_YAML_TAG',
            message: 'YAML tags and merge keys are not allowed',
            pos: via ?? keyPos,
            path: kPath,
            hint: 'write the values out',
          });
          continue;
        }
        const prior = firstAt.get(key);
        if (prior !== undefined) {
          failed = true;
          bag.add({
            code: 'E_YAML_DUPLICATE_KEY',
            message: `duplicate key '${key}' (first at ${prior.line}:${prior.col})`,
            pos: via ?? keyPos,
            path: kPath,
          });
          continue;
        }
        firstAt.set(key, keyPos);
        const valueNode = pair.value as Node | null;
        entries.push({ key, keyPos, value: convert(valueNode, kPath, depth + 1, keyPos, via) });
      }
      return { kind: 'map', entries, pos, via };
    }
    if (isSeq(node)) {
      const items = node.items.map((item, i) =>
        convert(item as Node | null, indexPath(path, i), depth + 1, pos, via),
      );
      return { kind: 'seq', items, pos, via };
    }
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === 'number' && !(Number.isFinite(value) && Math.abs(value) <= MAX_EXACT)) {
        // Hashes use canonical JSON (RFC 8785): no NaN/Infinity, no number beyond ±2^53.
        failed = true;
        bag.add({
          code: 'E_RANGE',
          message: `number must be finite and within ±2^53, got ${node.source ?? String(value)}`,
          pos: via ?? pos,
          path,
        });
      }
      const out: YScalar = {
        kind: 'scalar',
        value:
          value === null ||
          typeof value === 'string' ||
          typeof value === 'number' ||
          typeof value === 'boolean'
            ? value
            : String(value),
        isInt: typeof value === 'number' && node.type === 'PLAIN' && INT_SOURCE.test(node.source ?? ''),
        pos,
        via,
      };
      return out;
    }
    return { kind: 'scalar', value: null, isInt: false, pos, via };
  };

  let root: YNode;
  try {
    root = convert(contents, '', 0, start);
  } catch (e) {
    if (e instanceof ExpansionLimit || e instanceof RangeError) {
      bag.add({
        code: 'E_YAML_SYNTAX',
        message: `YAML syntax error: document expands to more than ${YAML_LIMITS.maxExpandedNodes} nodes`,
        pos: start,
        path: '',
        hint: 'remove repeated aliases (*name) that multiply the content',
      });
      return undefined;
    }
    throw e;
  }
  if (failed) return undefined;
  if (root.kind !== 'map') {
    bag.add({
      code: 'E_ROOT_TYPE',
      message: `play must be a mapping, got ${root.kind === 'seq' ? 'list' : typeof (root as YScalar).value}`,
      pos: root.pos,
      path: '',
    });
    return undefined;
  }
  return root;
}
