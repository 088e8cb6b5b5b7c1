/**
 * RS-7 reconciliation at scale: a ledger of 1,000,000 lines against an EOMS export of
 * 1,000,000 rows (CSV, UTF-8 with BOM), with 1 % field differences, 0.5 % lines only in EOMS and
 * 0.5 % only in the ledger. Prints the time to merely read the file (the baseline) and the time
 * and peak memory of the reconciliation, measured in the same run.
 * Usage: npm run bench:ledger [-- ROWS]
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileRecords } from '../src/modules/ledger/ledger.read.ts';
import { reconcile } from '../src/modules/ledger/ledger.reconcile.ts';
import type { LineFacts } from '../src/modules/ledger/ledger.rules.ts';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const COUNTIES = ['南明区', '云岩区', '花溪区', '乌当区', '白云区', '观山湖区', '红花岗区', '汇川区'];

function ledgerLine(i: number): LineFacts {
  return {
    lineNo: `GZ${String(i).padStart(9, '0')}`,
    kind: i % 10 === 0 ? 'enterprise' : 'home',
    regionName: COUNTIES[i % COUNTIES.length] as string,
    customerName: `用户${i}`,
    address: `贵州省某县某路 ${i % 997} 号`,
    bandwidth: i % 10 === 0 ? '100M' : '300M',
    status: '在用',
  };
}

/** The ledger in pages of 5,000, as the repository reads it from the database. */
async function* ledger(): AsyncGenerator<LineFacts[]> {
  for (let i = 0; i < ROWS; i += 5000) {
    const page: LineFacts[] = [];
    for (let j = i; j < Math.min(ROWS, i + 5000); j++) page.push(ledgerLine(j));
    yield page;
  }
}

async function writeExport(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r));
  await write('\ufeff电路编号,业务类型,区县,客户名称,装机地址,带宽,状态\r\n');
  for (let i = 0; i < ROWS; i++) {
    if (i % 200 === 7) continue; // only in the ledger
    const l = ledgerLine(i % 200 === 9 ? i + ROWS : i); // only in EOMS
    const bandwidth = i % 100 === 3 ? '1000M' : l.bandwidth; // field difference
    await write(
      `${l.lineNo},${l.kind === 'home' ? '家庭宽带' : '集团专线'},${l.regionName},${l.customerName},${l.address},${bandwidth},${l.status}\r\n`,
    );
  }
  await new Promise<void>((r) => out.end(r));
}

const dir = mkdtempSync(path.join(tmpdir(), 'onsite-bench-ledger-'));
const file = path.join(dir, 'eoms.csv');
try {
  await writeExport(file);

  let t0 = performance.now();
  let n = 0;
  for await (const _ of fileRecords(file, 'csv')) n += 1;
  const readMs = performance.now() - t0;

  global.gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  t0 = performance.now();
  const byNo = (nos: string[]) =>
    Promise.resolve(
      nos.map((no) => ledgerLine(Number(no.slice(2)))).filter((l) => Number(l.lineNo.slice(2)) < ROWS),
    );
  const result = await reconcile({ ledger: ledger(), eoms: fileRecords(file, 'csv'), ledgerLines: byNo });
  const reconcileMs = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  const count = (k: string) => result.differences.filter((d) => d.kind === k).length;
  console.log(
    `ledger reconciliation, ${ROWS.toLocaleString('en')} ledger lines against ${(n - 1).toLocaleString('en')} EOMS rows`,
  );
  console.log(`  read the file only (baseline)  ${(readMs / 1000).toFixed(2)} s`);
  console.log(
    `  reconcile                      ${(reconcileMs / 1000).toFixed(2)} s  (${(reconcileMs / readMs).toFixed(2)}× the read; target ≤ 3×)`,
  );
  console.log(`  peak resident memory           ${(peak / 2 ** 20).toFixed(0)} MB (target < 512 MB)`);
  console.log(
    `  found: ${count('field')} field differences, ${count('only_eoms')} only in EOMS, ${count('only_ledger')} only in the ledger, ${result.rejected.length} rows refused`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
