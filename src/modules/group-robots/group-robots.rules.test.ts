import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  coversRegion,
  dingtalkSignature,
  maskedUrl,
  postBody,
  postUrl,
  replyProblem,
  robotContent,
  truncateUtf8,
  webhookProblem,
} from './group-robots.rules.ts';

describe('group robot rules', () => {
  test('DingTalk signature matches an independently computed value (HMAC-SHA256, Base64, URL-encoded)', () => {
    // Computed outside this code base for timestamp 1700000000000 and secret "SECtest-secret".
    assert.equal(
      dingtalkSignature(1_700_000_000_000, 'SECtest-secret'),
      'LC7hxZ4wslL%2BP7j7gu1hoQ%2BwzByekL%2ByWgiUMekZs0g%3D',
    );
  });

  test('only signed DingTalk robots get timestamp and sign appended', () => {
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=abc';
    assert.equal(
      postUrl({ provider: 'dingtalk', webhook_url: url, secret: 'SECtest-secret' }, 1_700_000_000_000),
      `${url}&timestamp=1700000000000&sign=LC7hxZ4wslL%2BP7j7gu1hoQ%2BwzByekL%2ByWgiUMekZs0g%3D`,
    );
    assert.equal(postUrl({ provider: 'dingtalk', webhook_url: url, secret: null }, 1), url);
    assert.equal(postUrl({ provider: 'wecom', webhook_url: url, secret: 'x' }, 1), url);
  });

  test('bodies: WeCom mentions by mobile list, DingTalk by atMobiles and @ in the text', () => {
    assert.deepEqual(postBody('wecom', 'hi', ['139']), {
      msgtype: 'text',
      text: { content: 'hi', mentioned_mobile_list: ['139'] },
    });
    assert.deepEqual(postBody('wecom', 'hi', []), { msgtype: 'text', text: { content: 'hi' } });
    assert.deepEqual(postBody('dingtalk', 'hi', ['139']), {
      msgtype: 'text',
      text: { content: 'hi\n@139' },
      at: { atMobiles: ['139'], isAtAll: false },
    });
  });

  test('a reply is a success only with HTTP 2xx and errcode 0', () => {
    assert.equal(replyProblem(200, '{"errcode":0,"errmsg":"ok"}'), null);
    assert.match(replyProblem(200, '{"errcode":310000,"errmsg":"sign not match"}') ?? '', /310000/);
    assert.equal(replyProblem(502, ''), 'HTTP 502');
  });

  test('content never exceeds 2,048 UTF-8 bytes and never splits a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 3000 }), fc.boolean(), (body, critical) => {
        const c = robotContent({ title: '标题', body, critical });
        assert.ok(Buffer.byteLength(c, 'utf8') <= 2048);
        assert.ok(!c.includes('\uFFFD'));
      }),
    );
    assert.equal(truncateUtf8('短', 2048), '短');
    assert.ok(robotContent({ title: 'T', body: 'B', critical: true }).startsWith('【关键】T'));
  });

  test('webhook addresses: http(s) only, no credentials; shown masked', () => {
    assert.equal(webhookProblem('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1'), null);
    assert.ok(webhookProblem('ftp://x'));
    assert.ok(webhookProblem('not a url'));
    assert.ok(webhookProblem('https://u:p@host/'));
    const shown = maskedUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=0123456789abcdef');
    assert.ok(!shown.includes('0123456789ab'), shown);
    assert.ok(shown.endsWith('****cdef'), shown);
  });

  test('a robot bound to a region hears its region and everything below, nothing else', () => {
    assert.equal(coversRegion(null, null), true);
    assert.equal(coversRegion('/p/a/', '/p/a/'), true);
    assert.equal(coversRegion('/p/a/', '/p/a/c1/'), true);
    assert.equal(coversRegion('/p/a/', '/p/b/'), false);
    assert.equal(coversRegion('/p/a/', null), false);
  });
});
