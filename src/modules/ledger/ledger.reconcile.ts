/**
 * RS-7 reconciliation engine: the ledger is indexed as line number → 53-bit fingerprint of its
 * compared facts (a million lines fit in a few tens of MB, outside the traced heap: LineIndex), then the EOMS rows stream past it
 * once. Only lines whose fingerprints differ are looked up in full for their field differences.
 * No database or file access here: the caller supplies the streams and the full-line lookup.
 */

import type { FieldProblem } from '../../shared/errors.ts';
import { LineIndex } from './ledger.index.ts';
import {
  type ComparedField,
  factsHash,
  fieldDifferences,
  type HeaderMap,
  type LineFacts,
  mapHeaders,
  rowFacts,
} from './ledger.rules.ts';

export interface Difference {
  lineNo: string;
  kind: 'only_eoms' | 'only_ledger' | 'field';
  field: ComparedField | '';
  eomsValue: string | null;
  ledgerValue: string | null;
  /** The county of the side that has the line (EOMS's when both). */
  regionName: string | null;
  /** EOMS's facts of a line only EOMS has (so the ledger can take them over). */
  eomsFacts?: LineFacts;
}

export interface RejectedRow {
  rowNo: number;
  problems: FieldProblem[];
}

export interface ReconcileResult {
  rowsRead: number;
  rejected: RejectedRow[];
  differences: Difference[];
}

export interface ReconcileSources {
  /** Every ledger line's facts (any order), in pages: one await per page, not per line. */
  ledger: AsyncIterable<LineFacts[]>;
  /** The export's records, header row first. */
  eoms: AsyncIterable<string[]>;
  /** Full facts of the given ledger lines (only called for lines that differ). */
  ledgerLines(lineNos: string[]): Promise<LineFacts[]>;
  onProgress?: (rowsRead: number) => void;
}

const PROGRESS_EVERY = 10_000;
const LOOKUP_BATCH = 500;
const SEEN = -1;

/** Compares an export with the ledger; returns every difference and every refused row. */
export async function reconcile(src: ReconcileSources): Promise<ReconcileResult> {
  const index = new LineIndex();
  for await (const page of src.ledger) for (const f of page) index.set(f.lineNo, factsHash(f));

  const rejected: RejectedRow[] = [];
  const differences: Difference[] = [];
  const changed = new Map<string, LineFacts>();
  const onlyEoms = new Set<string>();
  let map: HeaderMap | null = null;
  let rowNo = 0;
  for await (const cells of src.eoms) {
    rowNo += 1;
    if (!map) {
      const headers = mapHeaders(cells);
      if ('problems' in headers)
        return { rowsRead: 0, rejected: [{ rowNo, problems: headers.problems }], differences };
      map = headers.map;
      continue;
    }
    if (rowNo % PROGRESS_EVERY === 0) src.onProgress?.(rowNo - 1);
    const row = rowFacts(cells, map);
    if ('problems' in row) {
      rejected.push({ rowNo, problems: row.problems });
      continue;
    }
    const f = row.facts;
    // A line matched once is marked SEEN in the index itself (fingerprints are never negative),
    // so only the lines EOMS alone has need a set of their own.
    const known = index.swap(f.lineNo, SEEN);
    if (known === SEEN || (known === undefined && onlyEoms.has(f.lineNo))) {
      rejected.push({
        rowNo,
        problems: [
          {
            field: '电路编号',
            message: { 'zh-CN': '电路编号在文件中重复', en: 'the line number repeats in the file' },
          },
        ],
      });
      continue;
    }
    if (known === undefined) {
      onlyEoms.add(f.lineNo);
      differences.push({
        lineNo: f.lineNo,
        kind: 'only_eoms',
        field: '',
        eomsValue: null,
        ledgerValue: null,
        regionName: f.regionName,
        eomsFacts: f,
      });
    } else if (known !== factsHash(f)) changed.set(f.lineNo, f);
  }
  src.onProgress?.(Math.max(0, rowNo - 1));
  // Lines of the ledger never marked SEEN were not in the export.
  const onlyLedger: string[] = [];
  for (const lineNo of index.keysExcept(SEEN)) onlyLedger.push(lineNo);
  const keys = [...changed.keys()];
  for (let i = 0; i < keys.length; i += LOOKUP_BATCH) {
    for (const l of await src.ledgerLines(keys.slice(i, i + LOOKUP_BATCH))) {
      const e = changed.get(l.lineNo);
      if (!e) continue;
      for (const field of fieldDifferences(e, l))
        differences.push({
          lineNo: l.lineNo,
          kind: 'field',
          field,
          eomsValue: e[field],
          ledgerValue: l[field],
          regionName: e.regionName,
        });
    }
  }
  for (let i = 0; i < onlyLedger.length; i += LOOKUP_BATCH) {
    for (const l of await src.ledgerLines(onlyLedger.slice(i, i + LOOKUP_BATCH)))
      differences.push({
        lineNo: l.lineNo,
        kind: 'only_ledger',
        field: '',
        eomsValue: null,
        ledgerValue: null,
        regionName: l.regionName,
      });
  }
  return { rowsRead: Math.max(0, rowNo - 1), rejected, differences };
}
