import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exeHeader, jpegHeader, signaturePng } from './attachments.fixtures.ts';
import {
  cleanFileName,
  contentProblems,
  decodeBase64,
  sniffType,
  uploadBodyLimit,
} from './attachments.rules.ts';

test('RC-3 content must be what it claims: magic bytes decide, not the declared type', () => {
  const png = signaturePng();
  assert.equal(sniffType(png), 'image/png');
  assert.equal(sniffType(jpegHeader), 'image/jpeg');
  assert.equal(sniffType(Buffer.from('%PDF-1.7')), 'application/pdf');
  assert.equal(sniffType(exeHeader), null);
  const cases = [
    { kind: 'photo', type: 'image/png', bytes: png, ok: true },
    { kind: 'photo', type: 'image/jpeg', bytes: png, ok: false },
    { kind: 'photo', type: 'image/jpeg', bytes: exeHeader, ok: false },
    { kind: 'photo', type: 'application/pdf', bytes: Buffer.from('%PDF-1.7'), ok: false },
    { kind: 'signature', type: 'image/gif', bytes: Buffer.from('GIF89a....'), ok: false },
    { kind: 'document', type: 'application/pdf', bytes: Buffer.from('%PDF-1.7'), ok: true },
    { kind: 'document', type: 'text/plain', bytes: Buffer.from('巡检记录 ok'), ok: true },
    { kind: 'document', type: 'text/plain', bytes: exeHeader, ok: false },
    { kind: 'document', type: 'text/plain', bytes: Buffer.from([0xc3, 0x28]), ok: false },
    { kind: 'document', type: 'application/x-msdownload', bytes: exeHeader, ok: false },
    { kind: 'document', type: 'text/plain', bytes: Buffer.alloc(0), ok: false },
    { kind: 'document', type: 'text/plain', bytes: Buffer.alloc(2000, 65), ok: false },
  ] as const;
  for (const c of cases) {
    const problems = contentProblems(c.kind, c.type, c.bytes, 1024);
    assert.equal(
      problems.length === 0,
      c.ok,
      `${c.kind} ${c.type} ${c.bytes.subarray(0, 4).toString('hex')}`,
    );
  }
});

test('file names lose directories and control characters; base64 is strict', () => {
  assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
  assert.equal(cleanFileName('C:\\tmp\\现场 照片.jpg'), '现场 照片.jpg');
  assert.equal(cleanFileName('a\u0000b<c>.png'), 'a_b_c_.png');
  assert.equal(cleanFileName('...'), 'file');
  assert.deepEqual(decodeBase64('aGVs\nbG8='), Buffer.from('hello'));
  assert.equal(decodeBase64('aGVsbG8'), null);
  assert.equal(decodeBase64('aGV$bG8='), null);
  assert.ok(uploadBodyLimit(3000) >= 4000);
});

test('RC-3 an RTL override or other bidi control does not survive in a stored file name', () => {
  assert.equal(cleanFileName('invoice\u202Egpj.exe'), 'invoicegpj.exe');
  assert.equal(cleanFileName('\u2066report\u2069\u200F.pdf'), 'report.pdf');
  assert.equal(cleanFileName('a\u0085b.png'), 'a_b.png');
  assert.equal(cleanFileName('\u202E'), 'file');
});
