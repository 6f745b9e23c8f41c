import { parse as parseYamlScalar } from 'yaml';
import type { DiagnosticBag, SourcePos } from './diagnostics';
import { childPath, indexPath } from './key-path';
import { didYouMeanHint } from './suggest';
import type { ScalarValue, YEntry, YMap, YNode, YScalar } from './yaml/tree';

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const TEMPLATE = /\{\{([^{}]*)\}\}/g;
const INNER_NAME = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/** A variable's value: a literal scalar or a list (≤ 64) of literals (§4). */
export type VariableValue = ScalarValue | readonly ScalarValue[];

interface Variable {
  readonly name: string;
  readonly keyPos: SourcePos;
  node: YNode;
  used: boolean;
}

export interface ResolvedVariables {
  readonly root: YMap;
  /** Effective values after overrides (recorded in result.json by the engine). */
  readonly values: Readonly<Record<string, VariableValue>>;
}

function isLiteralScalar(node: YNode): node is YScalar {
  return node.kind === 'scalar' && node.value !== null;
}

function plainOf(node: YNode): VariableValue {
  if (node.kind === 'seq') return node.items.map((i) => (i as YScalar).value);
  return (node as YScalar).value;
}

function collectVariables(section: YNode, bag: DiagnosticBag): Map<string, Variable> {
  const vars = new Map<string, Variable>();
  if (section.kind !== 'map') {
    bag.add({
      code: 'E_TYPE',
      message: `expected map, got ${section.kind === 'seq' ? 'list' : 'scalar'} for variables`,
      pos: section.pos,
      path: 'variables',
    });
    return vars;
  }
  for (const e of section.entries) {
    const path = childPath('variables', e.key);
    if (!VAR_NAME.test(e.key)) {
      bag.add({
        code: 'E_ID_SYNTAX',
        message: `invalid id '${e.key}'`,
        pos: e.keyPos,
        path,
        hint: 'variable names match ^[A-Za-z_][A-Za-z0-9_]{0,63}$',
      });
      continue;
    }
    const v = e.value;
    const literalList = v.kind === 'seq' && v.items.length <= 64 && v.items.every(isLiteralScalar);
    const containsTemplate =
      (v.kind === 'scalar' && typeof v.value === 'string' && v.value.includes('{{')) ||
      (v.kind === 'seq' &&
        v.items.some((i) => i.kind === 'scalar' && typeof i.value === 'string' && i.value.includes('{{')));
    if (containsTemplate || !(isLiteralScalar(v) || literalList)) {
      bag.add({
        code: 'E_VAR_VALUE',
        message: `variable '${e.key}' must be a number, bool, string or list of those`,
        pos: v.pos,
        path,
      });
      continue;
    }
    vars.set(e.key, { name: e.key, keyPos: e.keyPos, node: v, used: false });
  }
  return vars;
}

function applyOverrides(
  vars: Map<string, Variable>,
  overrides: Readonly<Record<string, string>>,
  sectionPos: SourcePos,
  bag: DiagnosticBag,
): void {
  for (const [name, text] of Object.entries(overrides)) {
    const v = vars.get(name);
    if (v === undefined) {
      bag.add({
        code: 'E_VAR_OVERRIDE',
        message: `override '${name}' does not match a declared variable`,
        pos: sectionPos,
        path: childPath('variables', name),
        hint: didYouMeanHint(name, [...vars.keys()]) ?? 'the play declares no variables',
      });
      continue;
    }
    let parsed: unknown;
    try {
      parsed = parseYamlScalar(text, { version: '1.2', schema: 'core' });
    } catch {
      parsed = text;
    }
    const value =
      parsed === null ||
      typeof parsed === 'number' ||
      typeof parsed === 'boolean' ||
      typeof parsed === 'string'
        ? parsed
        : text;
    v.node = {
      kind: 'scalar',
      value,
      isInt: typeof value === 'number' && /^[-+]?\d+$/.test(text.trim()),
      pos: v.node.pos,
    };
  }
}

/** Stage 2 of §1.2: resolves `{{ name }}` templates on the located tree and drops the `variables` section. */
export function resolveVariables(
  root: YMap,
  overrides: Readonly<Record<string, string>>,
  bag: DiagnosticBag,
): ResolvedVariables {
  const section = root.entries.find((e) => e.key === 'variables');
  const vars = section ? collectVariables(section.value, bag) : new Map<string, Variable>();
  applyOverrides(vars, overrides, section?.keyPos ?? { line: 1, col: 1 }, bag);
  const names = [...vars.keys()];

  const substitute = (node: YScalar, path: string): YNode => {
    const text = node.value as string;
    const site = node.via ?? node.pos;
    // Unbalanced braces: anything left after removing well-formed templates.
    const stripped = text.replace(TEMPLATE, '');
    if (stripped.includes('{{') || stripped.includes('}}')) {
      bag.add({
        code: 'E_VAR_SYNTAX',
        message: `malformed template '${text}'`,
        pos: site,
        path,
        hint: 'write {{ name }}',
      });
      return node;
    }
    const matches = [...text.matchAll(TEMPLATE)];
    const lookup = (inner: string): Variable | undefined => {
      const m = INNER_NAME.exec(inner);
      if (m === null) {
        bag.add({
          code: 'E_VAR_SYNTAX',
          message: `malformed template '{{${inner}}}'`,
          pos: site,
          path,
          hint: 'write {{ name }} (no filters or expressions)',
        });
        return undefined;
      }
      const v = vars.get(m[1]!);
      if (v === undefined) {
        bag.add({
          code: 'E_VAR_UNDEFINED',
          message: `undefined variable '${m[1]}'`,
          pos: site,
          path,
          hint: didYouMeanHint(m[1]!, names) ?? 'declare it under variables:',
        });
        return undefined;
      }
      v.used = true;
      return v;
    };
    if (matches.length === 1 && matches[0]![0] === text) {
      const v = lookup(matches[0]![1]!);
      if (v === undefined) return node;
      const related = { name: v.name, pos: v.keyPos };
      if (v.node.kind === 'seq') {
        return {
          kind: 'seq',
          pos: site,
          items: v.node.items.map((i) => ({
            ...(i as YScalar),
            pos: site,
            via: undefined,
            fromVariable: related,
          })),
        };
      }
      return { ...(v.node as YScalar), pos: site, via: undefined, fromVariable: related };
    }
    let out = '';
    let last = 0;
    let ok = true;
    for (const m of matches) {
      out += text.slice(last, m.index);
      last = (m.index ?? 0) + m[0].length;
      const v = lookup(m[1]!);
      if (v === undefined) {
        ok = false;
        continue;
      }
      const value = plainOf(v.node);
      if (Array.isArray(value) || typeof value === 'boolean' || value === null) {
        bag.add({
          code: 'E_VAR_NOT_SCALAR',
          message: `variable '${v.name}' cannot be embedded in text`,
          pos: site,
          path,
          hint: 'use the whole value: "{{ name }}" as the entire scalar',
        });
        ok = false;
        continue;
      }
      out += String(value);
    }
    out += text.slice(last);
    return ok ? { ...node, value: out } : node;
  };

  const walk = (node: YNode, path: string): YNode => {
    if (node.kind === 'scalar') {
      if (typeof node.value === 'string' && (node.value.includes('{{') || node.value.includes('}}'))) {
        return substitute(node, path);
      }
      return node;
    }
    if (node.kind === 'seq')
      return { ...node, items: node.items.map((item, i) => walk(item, indexPath(path, i))) };
    const entries: YEntry[] = node.entries.map((e) => {
      const p = childPath(path, e.key);
      if (e.key.includes('{{')) {
        bag.add({
          code: 'E_VAR_IN_KEY',
          message: 'templates are not allowed in keys',
          pos: e.keyPos,
          path: p,
        });
        return e;
      }
      return { ...e, value: walk(e.value, p) };
    });
    return { ...node, entries };
  };

  const entries: YEntry[] = [];
  for (const e of root.entries) {
    if (e.key === 'variables') continue;
    if (e.key === 'version') {
      entries.push(e);
      continue;
    }
    if (e.key.includes('{{')) {
      bag.add({
        code: 'E_VAR_IN_KEY',
        message: 'templates are not allowed in keys',
        pos: e.keyPos,
        path: e.key,
      });
      entries.push(e);
      continue;
    }
    entries.push({ ...e, value: walk(e.value, childPath('', e.key)) });
  }
  for (const v of vars.values()) {
    if (!v.used) {
      bag.add({
        code: 'W_VAR_UNUSED',
        message: `variable '${v.name}' is never used`,
        pos: v.keyPos,
        path: childPath('variables', v.name),
      });
    }
  }
  const values: Record<string, VariableValue> = {};
  for (const v of vars.values()) {
    Object.defineProperty(values, v.name, {
      value: plainOf(v.node),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { root: { ...root, entries }, values };
}
