/**
 * Message templates (CW-3): administration with versions and history, previews with sample
 * values, and sending a template to an order's customer — rendered (a missing or unknown
 * variable is refused), checked (CW-1), recorded as a customer notice and, for SMS and e-mail,
 * queued for delivery in the same transaction.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { type FieldProblem, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../access/policy.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { queueDirectMessage } from '../notifications/notifications.service.ts';
import { checkText, guardCustomerTexts, type WordingOverride } from '../wording/wording.service.ts';
import { assertMayAct, loadForChange, recordCustomerNotice } from '../work-orders/work-orders.service.ts';
import type { TemplateChannel, TemplatePurpose } from './templates.defaults.ts';
import { NOTICE_NEEDS } from './templates.notices.ts';
import * as repo from './templates.repository.ts';
import {
  bodyProblems,
  droppedNeeds,
  render,
  sampleValues,
  smsSegments,
  VARIABLES,
} from './templates.rules.ts';
import type { MessageTemplateTable } from './templates.tables.ts';

export interface TemplateInput {
  code: string;
  purpose: TemplatePurpose;
  channel: TemplateChannel;
  nameZh: string;
  nameEn: string;
  variables: string[];
  bodyZh: string;
  bodyEn: string;
}

export function variablesOf(t: Pick<MessageTemplateTable, 'variables'>): string[] {
  return JSON.parse(t.variables) as string[];
}

function label(name: string): { zh: string; en: string } {
  const def = VARIABLES[name];
  return { zh: def ? def.label['zh-CN'] : name, en: def ? def.label.en : name };
}

/** The problems that keep bodies from being saved: unknown or undeclared variables, stray braces. */
function bodyFieldProblems(variables: string[], bodies: Array<[string, string]>): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const v of variables) {
    if (!VARIABLES[v])
      out.push(problem('variables', `没有名为「${v}」的变量`, `there is no variable named "${v}"`));
  }
  for (const [field, body] of bodies) {
    for (const p of bodyProblems(body, variables)) {
      if (p.kind === 'stray_brace')
        out.push(problem(field, '正文中有多余的花括号', 'the body has a stray brace'));
      else if (p.kind === 'unknown_variable')
        out.push(
          problem(
            field,
            `正文使用了不存在的变量「${p.name}」`,
            `the body uses an unknown variable "${p.name}"`,
          ),
        );
      else
        out.push(
          problem(
            field,
            `正文使用的变量「${label(p.name).zh}」未在变量列表中声明`,
            `the body uses "${label(p.name).en}", which is not declared`,
          ),
        );
    }
  }
  return out;
}

/** Validates a template for saving: variables and placeholders, then the wording check of both bodies (CW-1). */
async function assertSavable(
  tx: AppContext,
  actor: Actor,
  id: string,
  t: Pick<TemplateInput, 'variables' | 'bodyZh' | 'bodyEn'>,
) {
  const problems = bodyFieldProblems(t.variables, [
    ['bodyZh', t.bodyZh],
    ['bodyEn', t.bodyEn],
  ]);
  if (problems.length) throw invalid(problems);
  // No override here: a template that fails the check is never saved.
  await guardCustomerTexts(
    tx,
    actor,
    [
      { field: 'bodyZh', text: t.bodyZh },
      { field: 'bodyEn', text: t.bodyEn },
    ],
    { entityType: 'message_template', entityId: id },
  );
}

export async function createTemplate(
  ctx: AppContext,
  actor: Actor,
  input: TemplateInput,
): Promise<MessageTemplateTable> {
  return inTransaction(ctx, async (tx) => {
    const id = newId();
    await assertSavable(tx, actor, id, input);
    const now = tx.clock.now().toISOString();
    const row: MessageTemplateTable = {
      id,
      code: input.code,
      purpose: input.purpose,
      channel: input.channel,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      variables: JSON.stringify([...new Set(input.variables)]),
      body_zh: input.bodyZh,
      body_en: input.bodyEn,
      active: 1,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await repo.insertTemplate(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'message_template',
      entityId: id,
      action: 'create',
      changes: diffRecords(null, row, ['created_at', 'updated_at']),
    });
    return row;
  });
}

/** Saves a new version of a template; the earlier bodies stay in its history. */
export async function updateTemplate(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: Partial<Omit<TemplateInput, 'code'>> & { active?: boolean | undefined },
  reason: string | undefined,
): Promise<MessageTemplateTable> {
  return inTransaction(ctx, async (tx) => {
    const before = await repo.lockTemplate(tx.db, tx.kit, id);
    if (!before) throw notFound('message_template');
    const variables = patch.variables ? [...new Set(patch.variables)] : variablesOf(before);
    const after: MessageTemplateTable = {
      ...before,
      purpose: patch.purpose ?? before.purpose,
      channel: patch.channel ?? before.channel,
      name_zh: patch.nameZh ?? before.name_zh,
      name_en: patch.nameEn ?? before.name_en,
      variables: JSON.stringify(variables),
      body_zh: patch.bodyZh ?? before.body_zh,
      body_en: patch.bodyEn ?? before.body_en,
      active: patch.active === undefined ? before.active : patch.active ? 1 : 0,
    };
    const changes = diffRecords(before, after, ['created_at', 'updated_at', 'version']);
    if (Object.keys(changes).length === 0) return before;
    assertKeepsNotice(before.code, after);
    await assertSavable(tx, actor, id, { variables, bodyZh: after.body_zh, bodyEn: after.body_en });
    after.version = before.version + 1;
    after.updated_at = tx.clock.now().toISOString();
    await repo.updateTemplate(tx.db, id, after);
    await recordHistory(tx, actor, {
      entityType: 'message_template',
      entityId: id,
      action: 'update',
      changes: { ...changes, version: [before.version, after.version] },
      reason,
    });
    return after;
  });
}

/**
 * A template the system's own notices render from (CW-3) stays in use and keeps every value the
 * notice fills, so an administrator's edit can change the words but not lose what the customer
 * must be told.
 */
function assertKeepsNotice(code: string, t: MessageTemplateTable): void {
  const needs = NOTICE_NEEDS[code];
  if (!needs) return;
  const out = droppedNeeds(needs, variablesOf(t), [t.body_zh, t.body_en]).map((n) =>
    problem(
      `values.${n}`,
      `系统通知需要变量「${label(n).zh}」，模板的变量列表和中英文正文都要保留它`,
      `the system notice fills "${label(n).en}"; keep it in the variables and in both bodies`,
    ),
  );
  if (t.active !== 1)
    out.push(
      problem(
        'active',
        '系统通知使用该模板，不能停用',
        'a system notice uses this template; it stays in use',
      ),
    );
  if (out.length) throw invalid(out);
}

export async function getTemplate(ctx: AppContext, id: string): Promise<MessageTemplateTable> {
  const row = await repo.findTemplate(ctx.db, id);
  if (!row) throw notFound('message_template');
  return row;
}

export const listTemplates = (ctx: AppContext, filter: Parameters<typeof repo.listTemplates>[1]) =>
  repo.listTemplates(ctx.db, filter);

/** An active template by its code, or a refusal naming `templateCode`. */
export async function findTemplateByCode(ctx: AppContext, code: string): Promise<MessageTemplateTable> {
  const t = await repo.findByCode(ctx.db, code);
  if (t?.active !== 1)
    throw invalid([
      problem('templateCode', '没有这个可用的模板', 'there is no active template with this code'),
    ]);
  return t;
}

/** Why values do not fit a template, each on its `values.<name>` field. */
function renderProblems(r: { missing: string[]; unknown: string[]; invalid: string[] }): FieldProblem[] {
  return [
    ...r.missing.map((n) =>
      problem(`values.${n}`, `缺少变量「${label(n).zh}」的值`, `a value for "${label(n).en}" is missing`),
    ),
    ...r.unknown.map((n) =>
      problem(`values.${n}`, `该模板没有变量「${n}」`, `the template has no variable "${n}"`),
    ),
    ...r.invalid.map((n) =>
      problem(
        `values.${n}`,
        `变量「${label(n).zh}」的值格式不对或过长`,
        `the value for "${label(n).en}" is malformed or too long`,
      ),
    ),
  ];
}

/** Renders both bodies; a missing, unknown or malformed value is an error, never a hole in the message. */
export function renderBoth(
  t: MessageTemplateTable,
  values: Record<string, string>,
): { 'zh-CN': string; en: string } {
  const vars = variablesOf(t);
  const zh = render(t.body_zh, vars, values);
  const en = render(t.body_en, vars, values);
  if (!zh.ok) throw invalid(renderProblems(zh), 'template_values');
  if (!en.ok) throw invalid(renderProblems(en), 'template_values');
  return { 'zh-CN': zh.text, en: en.text };
}

/** A preview of a template (saved, or being edited) with sample values and any given ones. */
export async function preview(
  ctx: AppContext,
  t: Pick<MessageTemplateTable, 'variables' | 'body_zh' | 'body_en' | 'channel'>,
  values: Record<string, string>,
) {
  const vars = variablesOf(t);
  const problems = bodyFieldProblems(vars, [
    ['bodyZh', t.body_zh],
    ['bodyEn', t.body_en],
  ]);
  if (problems.length) throw invalid(problems);
  const out = [];
  for (const locale of ['zh-CN', 'en'] as const) {
    const filled = { ...sampleValues(vars, locale), ...values };
    const r = render(locale === 'en' ? t.body_en : t.body_zh, vars, filled);
    if (!r.ok) throw invalid(renderProblems(r), 'template_values');
    out.push({
      locale,
      text: r.text,
      sms: t.channel === 'sms' ? smsSegments(r.text) : null,
      findings: await checkText(ctx, r.text),
    });
  }
  return out;
}

/**
 * Sends a template to the customer of an order: values from the order (customer name, order
 * number) plus the given ones, the wording check (a blocked text is neither recorded nor queued
 * unless a supervisor overrides it with a reason), the customer notice, and the SMS or e-mail
 * queued in the same transaction.
 */
export async function sendToCustomer(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: {
    templateCode: string;
    values: Record<string, string>;
    wordingOverride?: WordingOverride | undefined;
  },
) {
  return inTransaction(ctx, async (tx) => {
    const order = await loadForChange(tx, actor, orderId);
    await assertMayAct(tx, actor, order);
    const t = await findTemplateByCode(tx, input.templateCode);
    const vars = variablesOf(t);
    const fromOrder: Record<string, string> = {};
    if (vars.includes('customerName') && order.contact_name) fromOrder.customerName = order.contact_name;
    if (vars.includes('orderNumber')) fromOrder.orderNumber = order.number;
    const body = renderBoth(t, { ...fromOrder, ...input.values });
    const notice = await recordCustomerNotice(tx, actor, order, {
      kind: t.purpose,
      channel: t.channel === 'note' ? 'phone' : t.channel,
      body,
      field: 'values',
      wordingOverride: input.wordingOverride,
    });
    // Chinese is the customer's language unless told otherwise (CW-4); the notice keeps both.
    const messageId =
      t.channel === 'sms' && order.contact_phone
        ? await queueDirectMessage(tx, {
            channel: 'sms',
            to: order.contact_phone,
            subject: '',
            body: body['zh-CN'],
          })
        : null;
    return { notice, messageId, text: body };
  });
}
