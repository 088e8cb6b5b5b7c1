import type { Bilingual } from '../shared/i18n.ts';

/**
 * Every error code the API answers with, and what a person reads for it. A capability adds
 * its own codes with `registerMessages` so this file does not become everyone's file.
 */
const catalog: Record<string, Bilingual> = {
  bad_request: { 'zh-CN': '请求格式不正确：{reason}', en: 'The request is malformed: {reason}' },
  malformed_json: {
    'zh-CN': '请求体不是有效的 JSON，请检查格式。',
    en: 'The request body is not valid JSON; check its syntax.',
  },
  unsupported_media_type: {
    'zh-CN': '不支持的内容类型 {type}，请使用 application/json。',
    en: 'Content type {type} is not supported; send application/json.',
  },
  payload_too_large: {
    'zh-CN': '请求体过大，上限为 {limit} 字节。',
    en: 'The request body is too large; the limit is {limit} bytes.',
  },
  bad_url: {
    'zh-CN': '网址无效：路径参数编码错误或过长。',
    en: 'The URL is invalid: a path parameter is badly encoded or too long.',
  },
  headers_too_large: {
    'zh-CN': '请求头或网址过长，请缩短后重试（长文本请放在请求体中）。',
    en: 'The request headers or URL are too long; shorten them (send long text in the body).',
  },
  request_timeout: {
    'zh-CN': '请求发送超时，连接已关闭。',
    en: 'The request took too long to arrive; the connection was closed.',
  },
  validation_failed: {
    'zh-CN': '提交的数据有误，请按提示修改。',
    en: 'Some fields are invalid; see the details.',
  },
  invalid_request: {
    'zh-CN': '请求参数有误，请按提示修改。',
    en: 'Some request parameters are invalid; see the details.',
  },
  replay_key_reused: {
    'zh-CN': '此幂等键已用于另一项操作，请为新操作生成新的键。',
    en: 'This Idempotency-Key was already used for another request; use a new key for a new request.',
  },
  unauthenticated: { 'zh-CN': '请先登录。', en: 'Please sign in first.' },
  session_expired: {
    'zh-CN': '登录已过期，请重新登录。',
    en: 'Your session has expired; please sign in again.',
  },
  forbidden: { 'zh-CN': '您没有权限执行此操作。', en: 'You are not allowed to do this.' },
  not_found: { 'zh-CN': '找不到{entity}。', en: 'The {entity} was not found.' },
  route_not_found: { 'zh-CN': '接口 {method} {url} 不存在。', en: 'There is no endpoint {method} {url}.' },
  conflict: { 'zh-CN': '数据冲突：{reason}', en: 'Conflict: {reason}' },
  duplicate: {
    'zh-CN': '{field} 为“{value}”的记录已存在。',
    en: 'A record with {field} "{value}" already exists.',
  },
  invalid_credentials: { 'zh-CN': '用户名或密码不正确。', en: 'The username or password is wrong.' },
  too_many_attempts: {
    'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试。',
    en: 'Too many failed sign-ins; try again in {minutes} minutes.',
  },
  login_slow_down: {
    'zh-CN': '该账号近期登录失败次数较多，请 {seconds} 秒后再试。',
    en: 'This account had several failed sign-ins; try again in {seconds} seconds.',
  },
  token_cannot_issue_tokens: {
    'zh-CN': 'API 令牌不能签发新的令牌，请登录后操作。',
    en: 'An API token cannot issue tokens; sign in to do this.',
  },
  wrong_password: { 'zh-CN': '当前密码不正确。', en: 'The current password is wrong.' },
  rate_limited: { 'zh-CN': '请求过于频繁，请稍后再试。', en: 'Too many requests; try again shortly.' },
  internal: {
    'zh-CN': '服务器内部错误，已记录（编号 {ref}），请联系管理员。',
    en: 'Internal server error, logged as {ref}; please contact the administrator.',
  },
  busy: {
    'zh-CN': '数据正被其他操作修改，请稍后重试。',
    en: 'The data is being changed by another operation; please try again.',
  },
  unavailable: { 'zh-CN': '服务暂时不可用：{reason}', en: 'Service temporarily unavailable: {reason}' },
};

/** Field-level messages shared by many schemas. */
const fieldCatalog: Record<string, Bilingual> = {
  required: { 'zh-CN': '必填', en: 'is required' },
  unknown_field: { 'zh-CN': '不允许的字段', en: 'is not an allowed field' },
  invalid_id: { 'zh-CN': '不是有效的编号', en: 'is not a valid id' },
  invalid_time_zone: { 'zh-CN': '不是有效的 IANA 时区', en: 'is not a valid IANA time zone' },
  invalid_date: { 'zh-CN': '应为 YYYY-MM-DD 格式的日期', en: 'must be a date as YYYY-MM-DD' },
  invalid_code: {
    'zh-CN': '编码只能包含字母、数字、下划线和连字符（1–32 位）',
    en: 'may hold only letters, digits, _ and - (1–32 characters)',
  },
  already_used: { 'zh-CN': '已被其他记录使用', en: 'is already used by another record' },
  nul_character: { 'zh-CN': '不能包含空字符（U+0000）', en: 'must not contain the NUL character (U+0000)' },
  ill_formed_text: {
    'zh-CN': '包含无效的 Unicode 字符（不成对的代理项），请重新输入',
    en: 'holds invalid Unicode (an unpaired surrogate); please type it again',
  },
  non_character: {
    'zh-CN': '包含 Unicode 非字符（如 U+FFFF），不能保存',
    en: 'holds a Unicode non-character (such as U+FFFF) that cannot be stored',
  },
  invalid_instant: {
    'zh-CN': '应为 ISO-8601 时间（如 2026-11-02T08:00:00Z），年份 0001–9999',
    en: 'must be an ISO-8601 time such as 2026-11-02T08:00:00Z, year 0001–9999',
  },
  not_found_ref: { 'zh-CN': '引用的记录不存在', en: 'refers to a record that does not exist' },
};

/** Adds a capability's error codes to the catalog. */
export function registerMessages(
  messages: Record<string, Bilingual>,
  fields: Record<string, Bilingual> = {},
): void {
  Object.assign(catalog, messages);
  Object.assign(fieldCatalog, fields);
}

/** The message for an error code; unknown codes fall back to the code itself so nothing is silent. */
export function errorMessage(code: string): Bilingual {
  return catalog[code] ?? { 'zh-CN': code, en: code };
}

/** A reusable field message by key. */
export function fieldMessage(key: string): Bilingual {
  return fieldCatalog[key] ?? { 'zh-CN': key, en: key };
}

/** Entity names used in `not_found` and history. */
export const entityNames: Record<string, Bilingual> = {
  region: { 'zh-CN': '区域', en: 'region' },
  partner: { 'zh-CN': '合作方', en: 'partner' },
  person: { 'zh-CN': '人员', en: 'person' },
  customer: { 'zh-CN': '客户', en: 'customer' },
  contact: { 'zh-CN': '联系人', en: 'contact' },
  site: { 'zh-CN': '站点', en: 'site' },
  equipment: { 'zh-CN': '设备', en: 'equipment' },
  certification: { 'zh-CN': '认证', en: 'certification' },
  token: { 'zh-CN': 'API 令牌', en: 'API token' },
};
