/**
 * The dependency rule between capabilities (docs/ARCHITECTURE.md, "Dependency rule"), checked in
 * `npm run check`:
 *  - no cycles between modules (folders under src/modules);
 *  - no import of another module's `*.repository.ts` or `*.tables.ts`;
 *  - a module's SQL reads leave it only through its `*.queries.ts` (its public read surface), which
 *    names each read it re-exports: no other file re-exports a repository or tables, and a query
 *    surface never re-exports one whole (`export *`);
 *  - a `*.routes.ts` never imports a repository or a query surface (it calls its service);
 *  - src/jobs, src/db and src/http never import a module's internals (its repository, tables,
 *    routes or service files); only src/db/schema.ts may import `*.tables.ts`, for the row types.
 * Prints each violation with the importing file and the import, and exits non-zero. Violations
 * that predate the rule are listed in scripts/dependency-baseline.txt: they are reported as known
 * debt and do not fail the check, but a new one does, and so does a baseline line that no longer
 * occurs (so the list only shrinks).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// The tree to check: this repository, or the one named on the command line (the rule's own test
// runs it on small trees that break each rule).
const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const src = path.join(root, 'src');
const baselineFile = path.join(root, 'scripts', 'dependency-baseline.txt');

interface Edge {
  from: string; // file, relative to the repository root
  spec: string; // the import as written
  to: string; // resolved file, relative to the repository root
}

/** A re-export (`export … from`), which hands the target's exports on to whoever imports `from`. */
interface Reexport extends Edge {
  whole: boolean; // `export *` or `export * as x`: every export of the target, not named ones
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** Every relative import of a file (static, type-only and dynamic), resolved to a file. */
function importsOf(file: string): Edge[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const out: Edge[] = [];
  for (const ref of info.importedFiles) {
    if (!ref.fileName.startsWith('.')) continue;
    const to = path.resolve(path.dirname(file), ref.fileName);
    out.push({ from: path.relative(root, file), spec: ref.fileName, to: path.relative(root, to) });
  }
  return out;
}

/** Every relative re-export of a file, from its syntax tree (the pre-processor does not tell them apart). */
function reexportsOf(file: string): Reexport[] {
  const text = readFileSync(file, 'utf8');
  if (!/\bexport\b[^;]*\bfrom\b/.test(text)) return [];
  const tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: Reexport[] = [];
  for (const s of tree.statements) {
    if (!ts.isExportDeclaration(s) || !s.moduleSpecifier || !ts.isStringLiteral(s.moduleSpecifier)) continue;
    const spec = s.moduleSpecifier.text;
    if (!spec.startsWith('.')) continue;
    const to = path.relative(root, path.resolve(path.dirname(file), spec));
    const whole = !s.exportClause || ts.isNamespaceExport(s.exportClause);
    out.push({ from: path.relative(root, file), spec, to, whole });
  }
  return out;
}

/** The module a file belongs to (its folder under src/modules), or null. */
function moduleOf(rel: string): string | null {
  const m = /^src\/modules\/([^/]+)\//.exec(rel.split(path.sep).join('/'));
  return m ? (m[1] ?? null) : null;
}

const isRepository = (rel: string) => rel.endsWith('.repository.ts');
const isTables = (rel: string) => rel.endsWith('.tables.ts');
const isQueries = (rel: string) => rel.endsWith('.queries.ts');
const isInternal = (rel: string) => /\.(repository|tables|routes|service)\.ts$/.test(rel);

/** A repository leaves its module only through a query surface that names what it hands on. */
function reexportViolationsOf(reexports: Reexport[]): string[] {
  const out: string[] = [];
  for (const r of reexports) {
    if (!isRepository(r.to) && !isTables(r.to)) continue;
    const where = `${r.from} re-exports '${r.spec}'`;
    if (!isQueries(r.from)) out.push(`repository-reexport: ${where} (only a module's *.queries.ts hands on its reads)`);
    else if (r.whole) out.push(`repository-reexport: ${where} (a query surface names each read, never export *)`);
  }
  return out;
}

function violationsOf(edges: Edge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const fromModule = moduleOf(e.from);
    const toModule = moduleOf(e.to);
    const where = `${e.from} imports '${e.spec}'`;
    if (fromModule && toModule && fromModule !== toModule && (isRepository(e.to) || isTables(e.to))) {
      out.push(`foreign-internals: ${where} (another module's ${isTables(e.to) ? 'tables' : 'repository'})`);
    }
    if (e.from.endsWith('.routes.ts') && (isRepository(e.to) || isQueries(e.to))) {
      out.push(`routes-repository: ${where} (routes call a service, never a repository or a query surface)`);
    }
    const layer = /^src\/(jobs|db|http)\//.exec(e.from);
    if (layer && toModule && isInternal(e.to) && !(e.from === 'src/db/schema.ts' && isTables(e.to))) {
      out.push(`layer-internals: ${where} (src/${layer[1]} must not import a module's internals)`);
    }
  }
  return out.concat(cyclesOf(edges));
}

/** Cycles between modules: each strongly connected group of two or more, with one import per step. */
function cyclesOf(edges: Edge[]): string[] {
  const graph = new Map<string, Map<string, Edge>>();
  for (const e of edges) {
    const a = moduleOf(e.from);
    const b = moduleOf(e.to);
    if (!a || !b || a === b) continue;
    const targets = graph.get(a) ?? new Map<string, Edge>();
    if (!targets.has(b)) targets.set(b, e);
    graph.set(a, targets);
  }
  // Tarjan's algorithm; modules sorted so the report is stable.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of [...(graph.get(v)?.keys() ?? [])].sort()) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w !== undefined) {
          onStack.delete(w);
          group.push(w);
        }
      } while (w !== undefined && w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  const out: string[] = [];
  for (const group of groups) {
    const members = new Set(group);
    for (const a of group) {
      for (const [b, e] of [...(graph.get(a) ?? new Map<string, Edge>())].sort(([x], [y]) => x.localeCompare(y))) {
        if (members.has(b)) out.push(`module-cycle: ${e.from} imports '${e.spec}' (${group.join(' ↔ ')})`);
      }
    }
  }
  return out;
}

function readBaseline(): Set<string> {
  if (!existsSync(baselineFile)) return new Set();
  return new Set(
    readFileSync(baselineFile, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
}

const files = sourceFiles(src);
const edges = files.flatMap(importsOf);
const found = [...new Set([...violationsOf(edges), ...reexportViolationsOf(files.flatMap(reexportsOf))])].sort();
const baseline = readBaseline();
const fresh = found.filter((v) => !baseline.has(v));
const gone = [...baseline].filter((v) => !found.includes(v));
const known = found.length - fresh.length;

for (const v of fresh) console.error(`✖ ${v}`);
for (const v of gone) console.error(`✖ fixed, remove from scripts/dependency-baseline.txt: ${v}`);
console.log(
  `dependency rule: ${edges.length} imports checked, ${fresh.length} new violation(s), ${known} known (baseline)`,
);
if (fresh.length || gone.length) process.exit(1);
