/**
 * Streaming readers for EOMS exports: CSV in GBK or UTF-8 (with or without BOM) and xlsx, row
 * by row, so a file of a million lines is never held in memory. The encoding is decided from
 * the first bytes: a UTF-8 BOM, or valid UTF-8, or else GBK (what EOMS writes by default).
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import ExcelJS from 'exceljs';

function looksUtf8(bytes: Buffer): boolean {
  // Cut back to a character boundary so a multi-byte character split by the chunk is not a fault.
  let end = bytes.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i] as number;
    if ((b & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Decoded text chunks of a byte stream, the encoding chosen from its first chunk. */
async function* decode(input: Readable): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let bytes = chunk;
    if (!decoder) {
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      decoder = new TextDecoder(bom || looksUtf8(bytes) ? 'utf-8' : 'gbk');
      if (bom) bytes = bytes.subarray(3);
    }
    yield decoder.decode(bytes, { stream: true });
  }
  if (decoder) yield decoder.decode();
}

/** CSV records (RFC 4180 quoting, CRLF or LF) from text chunks. */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  for await (const text of chunks) {
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (quoted) {
        if (c === '"') {
          quoted = false;
          afterQuote = true;
        } else field += c;
        continue;
      }
      if (c === '"') {
        // A doubled quote inside a quoted field is a literal quote.
        if (afterQuote) field += '"';
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (c === ',') {
        row.push(field);
        field = '';
      } else if (c === '\n') {
        row.push(field);
        field = '';
        if (row.length > 1 || row[0] !== '') yield row;
        row = [];
      } else if (c !== '\r') field += c;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    yield row;
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString();
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
  }
  return String(v);
}

/** Rows of the first worksheet of an xlsx stream. */
async function* xlsxRecords(input: Readable): AsyncGenerator<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[];
      yield values.slice(1).map(cellText);
    }
    return;
  }
}

export type FileFormat = 'csv' | 'xlsx';

/** Records of an export (header row first) from a stream. */
export function records(input: Readable, format: FileFormat): AsyncGenerator<string[]> {
  return format === 'xlsx' ? xlsxRecords(input) : csvRecords(decode(input));
}

/** Records of an export file on disk. */
export function fileRecords(file: string, format: FileFormat): AsyncGenerator<string[]> {
  return records(createReadStream(file, { highWaterMark: 1 << 20 }), format);
}
