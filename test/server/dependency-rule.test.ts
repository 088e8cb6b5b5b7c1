/**
 * The dependency rule (scripts/check-dependencies.ts, docs/ARCHITECTURE.md "Dependency rule") is
 * run on small trees that each break one rule: every break must fail the check and be named with
 * its file and import; the same tree without the break passes. The real tree is checked by
 * `npm run check`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from './cli-helpers.ts';

const script = path.join(repoRoot, 'scripts/check-dependencies.ts');
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A clean two-module tree: orders (repository, queries, service, routes, rules) and billing, which reads orders. */
const CLEAN: Record<string, string> = {
  'src/modules/orders/orders.tables.ts': 'export interface OrderTable { id: string }\n',
  'src/modules/orders/orders.repository.ts':
    "import type { OrderTable } from './orders.tables.ts';\nexport const findOrder = (id: string): OrderTable => ({ id });\nexport const insertOrder = (_r: OrderTable) => {};\n",
  'src/modules/orders/orders.queries.ts': "export { findOrder } from './orders.repository.ts';\n",
  'src/modules/orders/orders.service.ts':
    "import { findOrder } from './orders.repository.ts';\nexport const getOrder = (id: string) => findOrder(id);\n",
  'src/modules/orders/orders.routes.ts':
    "import { getOrder } from './orders.service.ts';\nexport const routes = [getOrder];\n",
  'src/modules/billing/billing.service.ts':
    "import { findOrder } from '../orders/orders.queries.ts';\nimport { getOrder } from '../orders/orders.service.ts';\nexport const bill = (id: string) => [findOrder(id), getOrder(id)];\n",
  'src/modules/orders/orders.rules.ts': "export const isOpen = (state: string) => state !== 'closed';\n",
  // A layer reaches a module through a file the module keeps for it, never its internals.
  'src/http/server.ts':
    "import { isOpen } from '../modules/orders/orders.rules.ts';\nexport const open = isOpen;\n",
};

function check(files: Record<string, string>, baseline?: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'onsite-deps-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  if (baseline !== undefined) {
    mkdirSync(path.join(dir, 'scripts'), { recursive: true });
    writeFileSync(path.join(dir, 'scripts/dependency-baseline.txt'), baseline);
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, dir], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Adds `line` to one file of the clean tree. */
const breaking = (file: string, line: string) => ({ ...CLEAN, [file]: `${CLEAN[file] ?? ''}${line}\n` });

test('the clean tree passes (routes → service, a module reads another through its queries and service)', () => {
  const r = check(CLEAN);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /0 new violation\(s\), 0 known/);
});

const breaks: { name: string; file: string; line: string; expect: RegExp }[] = [
  {
    name: "another module's repository",
    file: 'src/modules/billing/billing.service.ts',
    line: "import { insertOrder } from '../orders/orders.repository.ts';",
    expect:
      /foreign-internals: src\/modules\/billing\/billing\.service\.ts imports '\.\.\/orders\/orders\.repository\.ts'/,
  },
  {
    name: "another module's tables",
    file: 'src/modules/billing/billing.service.ts',
    line: "import type { OrderTable } from '../orders/orders.tables.ts';",
    expect: /foreign-internals: .* \(another module's tables\)/,
  },
  {
    name: 'a cycle between modules, through a type import',
    file: 'src/modules/orders/orders.service.ts',
    line: "import type { bill } from '../billing/billing.service.ts';",
    expect: /module-cycle: .*\(billing ↔ orders\)/,
  },
  {
    name: 'routes importing their repository',
    file: 'src/modules/orders/orders.routes.ts',
    line: "import { insertOrder } from './orders.repository.ts';",
    expect:
      /routes-repository: src\/modules\/orders\/orders\.routes\.ts imports '\.\/orders\.repository\.ts'/,
  },
  {
    name: 'routes importing a query surface',
    file: 'src/modules/orders/orders.routes.ts',
    line: "import { findOrder } from './orders.queries.ts';",
    expect: /routes-repository: .*orders\.queries\.ts/,
  },
  {
    name: 'a repository re-exported by a file other than the query surface',
    file: 'src/modules/orders/orders.service.ts',
    line: "export { insertOrder } from './orders.repository.ts';",
    expect:
      /repository-reexport: src\/modules\/orders\/orders\.service\.ts re-exports .*only a module's \*\.queries\.ts/,
  },
  {
    name: 'a query surface re-exporting the whole repository',
    file: 'src/modules/orders/orders.queries.ts',
    line: "export * from './orders.repository.ts';",
    expect: /repository-reexport: .*orders\.queries\.ts re-exports .*never export \*/,
  },
  {
    name: "src/http importing a module's service",
    file: 'src/http/server.ts',
    line: "import { getOrder } from '../modules/orders/orders.service.ts';",
    expect: /layer-internals: src\/http\/server\.ts imports/,
  },
  {
    name: "src/jobs importing a module's repository",
    file: 'src/jobs/index.ts',
    line: "import { findOrder } from '../modules/orders/orders.repository.ts';",
    expect: /layer-internals: src\/jobs\/index\.ts imports/,
  },
];

for (const b of breaks) {
  test(`the rule refuses ${b.name}`, () => {
    const r = check(breaking(b.file, b.line));
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, b.expect);
  });
}

test('a baseline line that no longer occurs fails too, so the list only shrinks', () => {
  const gone =
    "foreign-internals: src/modules/billing/billing.service.ts imports '../orders/orders.repository.ts' (another module's repository)";
  const r = check(CLEAN, `# header\n${gone}\n`);
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /fixed, remove from scripts\/dependency-baseline\.txt/);
});
