import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import {
  errorOf,
  json,
  type Session,
  startTestApp,
  type TestApp,
  testDatabases,
} from '../../../test/harness.ts';
import { exeHeader, signaturePng } from './attachments.fixtures.ts';

type Att = { id: string; sha256: string; sizeBytes: number; fileName: string; contentUrl: string };

for (const kind of testDatabases) {
  describe(`attachments API (${kind})`, () => {
    let t: TestApp;
    let engineer: Session;
    let entryId: string;
    const dir = mkdtempSync(path.join(tmpdir(), 'onsite-att-'));
    const png = signaturePng(120, 40, 3);
    before(async () => {
      t = await startTestApp(kind, {
        configure: (c) => ({ ...c, attachmentsDir: dir, attachmentMaxBytes: 64 * 1024 }),
      });
      engineer = await t.personWith(['engineer']);
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/knowledge',
        as: engineer,
        payload: { symptom: '机柜温度高', cause: '空调停机', fix: '重启空调并加装告警' },
      });
      entryId = json<{ id: string }>(res).id;
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const upload = (payload: Record<string, unknown>, as: Session = engineer, headers = {}) =>
      t.request({
        method: 'POST',
        url: '/api/v1/attachments',
        as,
        headers,
        payload: {
          ownerType: 'knowledge_entry',
          ownerId: entryId,
          kind: 'photo',
          fileName: '现场/照片.png',
          mimeType: 'image/png',
          contentBase64: png.toString('base64'),
          ...payload,
        },
      });

    test('RC-3 a photo is stored with its checksum, read-only on disk, and downloads byte for byte', async () => {
      const sha = createHash('sha256').update(png).digest('hex');
      const res = await upload({ sha256: sha, caption: '机柜正面' });
      assert.equal(res.statusCode, 201, res.body);
      const a = json<Att>(res);
      assert.equal(a.sha256, sha);
      assert.equal(a.sizeBytes, png.length);
      assert.equal(a.fileName, '照片.png');
      const onDisk = statSync(path.join(dir, sha.slice(0, 2), sha));
      assert.equal(onDisk.size, png.length);
      assert.equal(onDisk.mode & 0o222, 0, 'stored files are read-only');
      const other = await t.personWith(['engineer']);
      const dl = await t.request({ method: 'GET', url: a.contentUrl, as: other });
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.headers['content-type'], 'image/png');
      assert.equal(dl.headers['x-content-type-options'], 'nosniff');
      assert.match(
        String(dl.headers['content-disposition']),
        /^attachment; .*filename\*=UTF-8''%E7%85%A7%E7%89%87\.png/,
      );
      assert.deepEqual(dl.rawPayload, png);
      const list = json<{ items: Att[] }>(
        await t.request({
          method: 'GET',
          url: `/api/v1/attachments?ownerType=knowledge_entry&ownerId=${entryId}`,
          as: other,
        }),
      );
      assert.ok(list.items.some((i) => i.id === a.id));
      const hist = json<{ items: { action: string; changes: { attachmentId?: string } }[] }>(
        await t.request({ method: 'GET', url: `/api/v1/knowledge/${entryId}/history`, as: engineer }),
      );
      assert.ok(hist.items.some((h) => h.action === 'attachment_added' && h.changes.attachmentId === a.id));
    });

    test('a disguised file is refused by its magic bytes, in zh-CN and en', async () => {
      const exe = await upload({ mimeType: 'image/jpeg', contentBase64: exeHeader.toString('base64') });
      assert.equal(exe.statusCode, 422);
      assert.equal(errorOf(exe).details[0]?.field, 'contentBase64');
      assert.match(errorOf(exe).details[0]?.message ?? '', /不符/);
      const renamed = await upload({ mimeType: 'image/jpeg' }, engineer, { 'accept-language': 'en' });
      assert.equal(renamed.statusCode, 422);
      assert.match(
        errorOf(renamed).details[0]?.message ?? '',
        /does not match the declared type image\/jpeg \(it is image\/png\)/,
      );
      const exeType = await upload({ kind: 'document', mimeType: 'application/x-msdownload' });
      assert.equal(errorOf(exeType).details[0]?.field, 'mimeType');
    });

    test('broken base64, a wrong checksum, oversize content and oversize bodies are refused without a 500', async () => {
      const bad64 = await upload({ contentBase64: '!!!not base64!!!' });
      assert.equal(bad64.statusCode, 422);
      assert.equal(errorOf(bad64).details[0]?.field, 'contentBase64');
      const wrongSha = await upload({ sha256: 'a'.repeat(64) });
      assert.equal(wrongSha.statusCode, 422);
      assert.equal(errorOf(wrongSha).details[0]?.field, 'sha256');
      const big = Buffer.alloc(70 * 1024, 'a');
      const tooBig = await upload({
        kind: 'document',
        mimeType: 'text/plain',
        contentBase64: big.toString('base64'),
      });
      assert.equal(tooBig.statusCode, 422);
      assert.match(errorOf(tooBig).details[0]?.message ?? '', /上限为 65536 字节/);
      const huge = await upload({ contentBase64: 'A'.repeat(200 * 1024) });
      assert.equal(huge.statusCode, 413);
      assert.match(errorOf(huge).message, /152[0-9]{3}/, 'the message names this route’s limit');
    });

    test('owners decide visibility: unknown owner types 422, unknown owners 404, no permission 403', async () => {
      const type = await upload({ ownerType: 'nothing_here' });
      assert.equal(type.statusCode, 422);
      assert.equal(errorOf(type).details[0]?.field, 'ownerType');
      const missing = await upload({ ownerId: '0190b4a2-0000-7000-8000-000000000000' });
      assert.equal(missing.statusCode, 404);
      const dispatcher = await t.personWith(['dispatcher']);
      assert.equal((await upload({}, dispatcher)).statusCode, 403);
      const unknown = await t.request({
        method: 'GET',
        url: '/api/v1/attachments/0190b4a2-0000-7000-8000-000000000000/content',
        as: engineer,
      });
      assert.equal(unknown.statusCode, 404);
      assert.equal(
        (await t.request({ method: 'GET', url: '/api/v1/attachments?ownerType=knowledge_entry&ownerId=x' }))
          .statusCode,
        401,
      );
    });

    test('RC-3 attachments are never deleted, and a file altered on disk is never served', async () => {
      const res = await upload({ contentBase64: signaturePng(60, 20, 9).toString('base64') });
      const a = json<Att>(res);
      await assert.rejects(sql`DELETE FROM attachments WHERE id = ${a.id}`.execute(t.ctx.db), /kept forever/);
      const file = path.join(dir, a.sha256.slice(0, 2), a.sha256);
      chmodSync(file, 0o644);
      writeFileSync(file, Buffer.concat([png.subarray(0, 20), Buffer.from('tampered')]));
      const dl = await t.request({ method: 'GET', url: a.contentUrl, as: engineer });
      assert.equal(dl.statusCode, 500);
      assert.equal(errorOf(dl).code, 'attachment_damaged');
      assert.match(errorOf(dl).message, /校验值/);
    });
  });
}
