/**
 * Group robots of 企业微信 (WeCom) and 钉钉 (DingTalk): what a post looks like, how DingTalk's
 * signature is computed, how a webhook address is checked and shown. Pure.
 */
import { createHmac } from 'node:crypto';

export const ROBOT_PROVIDERS = ['wecom', 'dingtalk'] as const;
export type RobotProvider = (typeof ROBOT_PROVIDERS)[number];

/** WeCom refuses text content over 2,048 bytes; DingTalk's limit is larger, one cut serves both. */
export const MAX_CONTENT_BYTES = 2048;

/** The content of a post: a marker for critical notices, the title, then the body. */
export function robotContent(input: { title: string; body: string; critical: boolean }): string {
  const head = input.critical ? `【关键】${input.title}` : input.title;
  return truncateUtf8(`${head}\n${input.body}`, MAX_CONTENT_BYTES);
}

/** Cuts text to at most `max` UTF-8 bytes without splitting a character, marking the cut. */
export function truncateUtf8(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  const ellipsis = '…';
  const budget = max - Buffer.byteLength(ellipsis, 'utf8');
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (used + n > budget) break;
    out += ch;
    used += n;
  }
  return out + ellipsis;
}

/**
 * DingTalk's 加签: HMAC-SHA256 over "timestamp\nsecret" keyed with the secret, Base64, then
 * URL-encoded; the robot refuses a timestamp more than an hour away from its own clock.
 */
export function dingtalkSignature(timestampMs: number, secret: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
  return encodeURIComponent(mac);
}

/** The address to post to: DingTalk's signed robots get timestamp and sign appended. */
export function postUrl(
  robot: { provider: RobotProvider; webhook_url: string; secret: string | null },
  nowMs: number,
): string {
  if (robot.provider !== 'dingtalk' || !robot.secret) return robot.webhook_url;
  const sep = robot.webhook_url.includes('?') ? '&' : '?';
  return `${robot.webhook_url}${sep}timestamp=${nowMs}&sign=${dingtalkSignature(nowMs, robot.secret)}`;
}

/** The JSON body each provider expects for a text post, with @-mentions by mobile number. */
export function postBody(provider: RobotProvider, content: string, mentions: string[]): unknown {
  if (provider === 'wecom') {
    return {
      msgtype: 'text',
      text: { content, ...(mentions.length ? { mentioned_mobile_list: mentions } : {}) },
    };
  }
  // DingTalk highlights a mention only when the number also appears in the text.
  const tail = mentions.length ? `\n${mentions.map((m) => `@${m}`).join(' ')}` : '';
  return { msgtype: 'text', text: { content: content + tail }, at: { atMobiles: mentions, isAtAll: false } };
}

/** Both providers answer HTTP 200 with `errcode` 0 on success; anything else is a failure to retry. */
export function replyProblem(status: number, body: string): string | null {
  if (status < 200 || status >= 300) return `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body) as { errcode?: unknown; errmsg?: unknown };
    if (parsed.errcode === 0 || parsed.errcode === undefined) return null;
    return `errcode ${String(parsed.errcode)}: ${String(parsed.errmsg ?? '')}`.slice(0, 300);
  } catch {
    return null;
  }
}

/** Problems with a webhook address, as [zh, en]; null when it is usable. */
export function webhookProblem(url: string): [string, string] | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return ['不是有效的网址', 'is not a valid address'];
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return ['须以 https:// 开头', 'must start with https://'];
  if (parsed.username || parsed.password)
    return ['网址中不能包含用户名或密码', 'must not carry a user name or password'];
  return null;
}

/** The address as shown to people: the key or token in the query is masked but for its last four characters. */
export function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const [k, v] of parsed.searchParams) {
      parsed.searchParams.set(k, v.length > 4 ? `****${v.slice(-4)}` : '****');
    }
    return parsed.toString().replaceAll('%2A', '*');
  } catch {
    return '****';
  }
}

/**
 * Whether a robot bound to a region hears about a notice in another. Paths are materialised
 * ("/province/prefecture/"), so a region covers exactly the paths that start with its own.
 */
export function coversRegion(robotRegionPath: string | null, noticeRegionPath: string | null): boolean {
  if (robotRegionPath === null) return true;
  if (noticeRegionPath === null) return false;
  return noticeRegionPath.startsWith(robotRegionPath);
}
