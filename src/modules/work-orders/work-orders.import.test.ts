import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsv } from './work-orders.import.ts';

test('EOMS CSV: quotes, doubled quotes, embedded commas and newlines, CRLF, BOM', () => {
  const rows = parseCsv('\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"line1\nline2",\n');
  assert.deepEqual(rows, [
    ['a', 'b', 'c'],
    ['1', 'x, y', 'say "hi"'],
    ['2', 'line1\nline2', ''],
  ]);
  assert.deepEqual(parseCsv('a,b'), [['a', 'b']]);
});
