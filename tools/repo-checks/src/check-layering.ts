import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { APP_LAYER, LAYERS } from './layers';

export interface LayerViolation {
  /** File relative to the scanned root (or the package.json for a declared dependency). */
  readonly file: string;
  readonly importer: string;
  readonly imported: string;
  readonly message: string;
}

interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
  readonly manifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
}

// import ... from 'x' | export ... from 'x' | import 'x' | import('x') | require('x')
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

function listWorkspacePackages(root: string): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  for (const group of ['packages', 'apps']) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base)) {
      const manifestPath = join(base, entry, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      out.push({ name: manifest.name, dir: join(base, entry), manifest });
    }
  }
  return out;
}

function listSourceFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      if (entry === 'node_modules' || entry === 'dist') continue;
      const p = join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(m|c)?[jt]sx?$/.test(entry)) files.push(p);
    }
  };
  for (const sub of ['src', 'test', 'bench']) if (existsSync(join(dir, sub))) walk(join(dir, sub));
  return files;
}

function packageNameOf(specifier: string): string | undefined {
  const m = /^(@trade\/[^/]+)/.exec(specifier);
  return m?.[1];
}

/** Why `importer` may not use `imported`, or undefined when the import points downward. */
function ruleBreak(importer: string, imported: string): string | undefined {
  const from = LAYERS[importer];
  const to = LAYERS[imported];
  if (from === undefined) return `${importer} has no layer; add it to tools/repo-checks/src/layers.ts`;
  if (to === undefined) return `${imported} has no layer; add it to tools/repo-checks/src/layers.ts`;
  if (importer === imported) return undefined;
  if (to === APP_LAYER) return `${importer} imports the app ${imported}; nothing imports an app`;
  if (to >= from)
    return `${importer} (L${from}) imports ${imported} (L${to}); only lower layers may be imported`;
  return undefined;
}

/**
 * Scans every workspace package under `root` (sources, tests, benches and package.json dependencies) and
 * returns each import that breaks the layering rule, including relative imports that reach into another
 * package's folder.
 */
export function findLayerViolations(root: string): LayerViolation[] {
  const packages = listWorkspacePackages(root);
  const byDir = new Map(packages.map((p) => [resolve(p.dir), p.name]));
  const violations: LayerViolation[] = [];
  for (const pkg of packages) {
    const rel = (p: string) => relative(root, p).split(sep).join('/');
    const deps = { ...pkg.manifest.dependencies, ...pkg.manifest.devDependencies };
    for (const dep of Object.keys(deps)) {
      if (!dep.startsWith('@trade/')) continue;
      const why = ruleBreak(pkg.name, dep);
      if (why)
        violations.push({
          file: rel(join(pkg.dir, 'package.json')),
          importer: pkg.name,
          imported: dep,
          message: why,
        });
    }
    for (const file of listSourceFiles(pkg.dir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(SPECIFIER)) {
        const spec = match[1]!;
        let imported = packageNameOf(spec);
        if (imported === undefined && spec.startsWith('.')) {
          const target = resolve(file, '..', spec);
          for (const [dir, name] of byDir) {
            if (name !== pkg.name && (target === dir || target.startsWith(dir + sep))) imported = name;
          }
          if (imported !== undefined) {
            violations.push({
              file: rel(file),
              importer: pkg.name,
              imported,
              message: `${pkg.name} reaches into ${imported} by relative path '${spec}'; import the package by name`,
            });
            continue;
          }
        }
        if (imported === undefined) continue;
        const why = ruleBreak(pkg.name, imported);
        if (why) violations.push({ file: rel(file), importer: pkg.name, imported, message: why });
      }
    }
  }
  return violations;
}
