import type { z } from 'zod';
import type { DiagnosticBag } from '../diagnostics';
import { childPath, indexPath } from '../key-path';
import { didYouMeanHint } from '../suggest';
import { locate } from '../yaml/locate';
import { describeNodeType, scalarText, toPlain, type YEntry, type YMap, type YNode } from '../yaml/tree';

/** Custom zod issues carry their diagnostic code and hint in `params` (`ctx.addIssue({ params: {...} })`). */
export interface IssueParams {
  readonly code: string;
  readonly hint?: string;
}

/** Which diagnostic codes a zod issue maps to; params blocks use the E_PARAM_* family (§7). */
export interface CodeMap {
  readonly unknownKey: string;
  readonly required: string;
  readonly invalid: string;
  /** Code for range/format issues when the section has its own (E_EXPECTED); default E_RANGE. */
  readonly range?: string;
  /** Label used in unknown-key messages, e.g. `account` or `indicator 'ema'`. */
  readonly section: string;
}

export const SECTION_CODES = (section: string): CodeMap => ({
  unknownKey: 'E_UNKNOWN_KEY',
  required: 'E_REQUIRED',
  invalid: '',
  section,
});

interface Located {
  node: YNode | undefined;
  parent: YNode;
  keyPos: { line: number; col: number } | undefined;
  path: string;
}

function walk(root: YNode, basePath: string, issuePath: readonly PropertyKey[]): Located {
  let node: YNode | undefined = root;
  let parent: YNode = root;
  let keyPos: { line: number; col: number } | undefined;
  let path = basePath;
  for (const seg of issuePath) {
    if (node === undefined) break;
    parent = node;
    if (typeof seg === 'number' && node.kind === 'seq') {
      path = indexPath(path, seg);
      node = node.items[seg];
    } else if (node.kind === 'map') {
      const key = String(seg);
      path = childPath(path, key);
      const found: YEntry | undefined = node.entries.find((e) => e.key === key);
      keyPos = found?.keyPos;
      node = found?.value;
    } else {
      path = typeof seg === 'number' ? indexPath(path, seg) : childPath(path, String(seg));
      node = undefined;
    }
  }
  return { node, parent, keyPos, path };
}

function ruleOf(issue: z.core.$ZodIssue): string {
  const i = issue as unknown as Record<string, unknown>;
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const bound = issue.code === 'too_small' ? i.minimum : i.maximum;
    const inclusive = i.inclusive !== false;
    const op = issue.code === 'too_small' ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
    if (i.origin === 'array' || i.origin === 'set') {
      return `${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(bound)} items`;
    }
    if (i.origin === 'string')
      return `${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(bound)} characters`;
    return `${op} ${String(bound)}`;
  }
  if (issue.code === 'invalid_format') return `match ${String(i.pattern ?? i.format)}`;
  if (issue.code === 'not_multiple_of') return `a multiple of ${String(i.divisor)}`;
  return issue.message;
}

/**
 * Validates the located `node` with a zod schema and reports every issue as a located diagnostic (§1.3).
 * Returns the parsed value (defaults applied) or undefined when any issue was found.
 */
export function checkWithZod<T>(
  schema: z.ZodType<T>,
  node: YNode,
  basePath: string,
  bag: DiagnosticBag,
  codes: CodeMap,
  /** Position used for a missing key when `node` itself is the parent map. */
  parentKeyPos?: { line: number; col: number },
): T | undefined {
  const plain = toPlain(node);
  const result = schema.safeParse(plain);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const at = walk(node, basePath, issue.path);
    const params = (issue as { params?: IssueParams }).params;
    if (issue.code === 'unrecognized_keys') {
      const map = at.node as YMap | undefined;
      const allowed = allowedKeysOf(schema, issue.path);
      for (const key of issue.keys) {
        const entry = map?.kind === 'map' ? map.entries.find((e) => e.key === key) : undefined;
        const pos = entry ? (entry.value.via ?? entry.keyPos) : at.node ? locate(at.node).pos : node.pos;
        bag.add({
          code: codes.unknownKey,
          message:
            codes.unknownKey === 'E_PARAM_UNKNOWN'
              ? `${codes.section}: unknown param '${key}'`
              : `unknown key '${key}' in ${at.path === '' ? codes.section : at.path}`,
          pos,
          path: childPath(at.path, key),
          hint: didYouMeanHint(key, allowed),
        });
      }
      continue;
    }
    if (issue.code === 'custom' && params?.code) {
      const where = at.node ? locate(at.node) : { pos: at.keyPos ?? parentKeyPos ?? node.pos, related: [] };
      bag.add({
        code: params.code,
        message: issue.message,
        pos: where.pos,
        path: at.path,
        hint: params.hint,
        related: where.related,
      });
      continue;
    }
    const key = String(issue.path[issue.path.length - 1] ?? codes.section);
    if (
      at.node === undefined ||
      (at.node.kind === 'scalar' && at.node.value === null && issue.code === 'invalid_type')
    ) {
      if (at.node === undefined) {
        // Missing key: point at the parent's key (§1.3).
        const parentPath = at.path.slice(0, Math.max(0, at.path.length - key.length - 1));
        bag.add({
          code: codes.required,
          message:
            codes.required === 'E_PARAM_REQUIRED'
              ? `${codes.section} requires '${key}'`
              : `missing required key '${key}'`,
          pos: at.parent === node && parentKeyPos ? parentKeyPos : locate(at.parent).pos,
          path: at.path,
          hint: parentPath === '' ? undefined : `add '${key}' under ${parentPath}`,
        });
        continue;
      }
    }
    const valueNode = at.node;
    const where = locate(valueNode);
    const got = scalarText(valueNode);
    let code = codes.invalid;
    let message: string;
    let hint: string | undefined;
    if (issue.code === 'invalid_type') {
      const expected = String((issue as { expected?: unknown }).expected);
      if (expected === 'int' && valueNode.kind === 'scalar' && typeof valueNode.value === 'number') {
        code = code || 'E_INTEGER';
        message = `${key} must be an integer, got ${got}`;
      } else {
        code = code || 'E_TYPE';
        const expName =
          expected === 'int'
            ? 'integer'
            : expected === 'record' || expected === 'object'
              ? 'map'
              : expected === 'array'
                ? 'list'
                : expected === 'boolean'
                  ? 'bool'
                  : expected;
        message = `expected ${expName}, got ${describeNodeType(valueNode)} '${got}'`;
        if (expected === 'boolean' && valueNode.kind === 'scalar' && typeof valueNode.value === 'string')
          hint = 'use true or false';
        else if (expected === 'string' && valueNode.kind === 'scalar') hint = 'quote the value';
      }
    } else if (issue.code === 'invalid_value') {
      const values = ((issue as { values?: unknown[] }).values ?? []).map(String);
      code = code || 'E_ENUM';
      message = `'${got}' is not one of ${values.join(', ')}`;
      hint = didYouMeanHint(got, values, false);
    } else if (
      issue.code === 'too_small' ||
      issue.code === 'too_big' ||
      issue.code === 'invalid_format' ||
      issue.code === 'not_multiple_of'
    ) {
      code = code || codes.range || 'E_RANGE';
      message = `${codes.range === 'E_EXPECTED' ? `expected.${key}` : key} must be ${ruleOf(issue)}, got ${got}`;
    } else if (issue.code === 'custom') {
      code = code || 'E_RANGE';
      message = issue.message;
    } else {
      code = code || 'E_TYPE';
      message = `${key}: ${issue.message}`;
    }
    if (codes.invalid === 'E_PARAM_INVALID' && issue.code !== 'custom') {
      message = `param '${key}' must be ${issue.code === 'invalid_type' ? String((issue as { expected?: unknown }).expected) : ruleOf(issue)}, got ${got}`;
    }
    bag.add({ code, message, pos: where.pos, path: at.path, hint, related: where.related });
  }
  return undefined;
}

/** The keys a strict object schema accepts at `path` (for did-you-mean on unknown keys). */
function allowedKeysOf(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  const unwrap = (x: unknown): unknown => {
    let cur = x as {
      def?: { innerType?: unknown; in?: unknown; type?: string; shape?: unknown; element?: unknown };
    };
    for (let i = 0; i < 10 && cur?.def; i++) {
      if (cur.def.innerType) cur = cur.def.innerType as typeof cur;
      else if (cur.def.type === 'pipe' && cur.def.in) cur = cur.def.in as typeof cur;
      else break;
    }
    return cur;
  };
  for (const seg of path) {
    const u = unwrap(s) as { def?: { shape?: Record<string, unknown>; element?: unknown } };
    if (typeof seg === 'number') s = u?.def?.element;
    else s = u?.def?.shape?.[String(seg)];
  }
  const u = unwrap(s) as { def?: { shape?: Record<string, unknown> } };
  return Object.keys(u?.def?.shape ?? {});
}
