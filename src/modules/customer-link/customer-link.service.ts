/**
 * The customer's link to one order: issue, resolve, and the progress view it shows. Other
 * capabilities extend the view with `registerCustomerLinkSection` and add their own link routes
 * using `resolveCustomerLink` (sign-off and rating, escalation contacts).
 */
import { randomBytes } from 'node:crypto';
import { type AppContext, inTransaction } from '../../app/context.ts';
import { ConfigError } from '../../config.ts';
import type { OnsiteDatabase } from '../../db/database.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../access/policy.ts';
import { APPOINTMENT_STATES } from '../appointments/appointments.rules.ts';
import { appointmentsOf } from '../appointments/appointments.service.ts';
import { recordHistory } from '../history/history.service.ts';
import { findOrder } from '../work-orders/work-orders.queries.ts';
import { stateLabels, typeLabels } from '../work-orders/work-orders.rules.ts';
import {
  activeAssignments,
  getOrder,
  noticesOf,
  transitionsOf,
  type WorkOrderRow,
} from '../work-orders/work-orders.service.ts';
import * as repo from './customer-link.repository.ts';
import { checkLink, parseLink, signLink } from './customer-link.rules.ts';

const SECRET_NAME = 'customer_link_hmac';
const secrets = new WeakMap<OnsiteDatabase, string>();

/**
 * ONSITE_CUSTOMER_LINK_SECRET, when set: the HMAC key for customer links, shared by every
 * process. A short one is a configuration error, not a silent fallback.
 */
export function linkSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env.ONSITE_CUSTOMER_LINK_SECRET;
  if (value === undefined || value === '') return null;
  if (value.length < 32) {
    throw new ConfigError('ONSITE_CUSTOMER_LINK_SECRET', 'must be at least 32 characters');
  }
  return value;
}

/** The HMAC secret: from the environment, else generated once and kept in `app_secrets` so every process shares it. */
export async function linkSecret(ctx: AppContext): Promise<string> {
  const fromEnv = linkSecretFromEnv();
  if (fromEnv) return fromEnv;
  const cached = secrets.get(ctx.database);
  if (cached) return cached;
  const db = ctx.database.db;
  let row = await repo.findSecret(db, SECRET_NAME);
  if (!row) {
    await repo.insertSecretOnce(db, {
      name: SECRET_NAME,
      value: randomBytes(32).toString('base64url'),
      created_at: ctx.clock.now().toISOString(),
    });
    row = await repo.findSecret(db, SECRET_NAME);
  }
  if (!row) throw new Error('customer link secret could not be stored');
  secrets.set(ctx.database, row.value);
  return row.value;
}

/** Default lifetime of a link: 14 days. */
export const DEFAULT_LINK_HOURS = 14 * 24;

/** Issues a link for one order; only a hash-free id and expiry are stored, the token is derived. */
export async function issueLink(ctx: AppContext, actor: Actor, orderId: string, hours = DEFAULT_LINK_HOURS) {
  const secret = await linkSecret(ctx);
  return inTransaction(ctx, async (tx) => {
    await getOrder(tx, actor.scope, orderId);
    const now = tx.clock.now();
    const expMs = now.getTime() + hours * 3_600_000;
    const exp = Math.floor(expMs / 1000);
    const row = {
      id: newId(),
      order_id: orderId,
      expires_at: new Date(exp * 1000).toISOString(),
      created_by: actor.personId,
      created_at: now.toISOString(),
      revoked_at: null,
      last_used_at: null,
    };
    await repo.insertLink(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: orderId,
      action: 'customer_link_issued',
      changes: { customerLink: [null, { id: row.id, expiresAt: row.expires_at }] },
    });
    const token = signLink(secret, { linkId: row.id, orderId, exp });
    return {
      id: row.id,
      token,
      path: `/c/${token}`,
      apiPath: `/api/v1/customer/orders/${token}`,
      expiresAt: row.expires_at,
    };
  });
}

/** Withdraws a link; it stops working at once. */
export async function revokeLink(ctx: AppContext, actor: Actor, linkId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'customer_links', linkId);
    const link = await repo.findLink(tx.db, linkId);
    if (!link) throw notFound('customer_link');
    await getOrder(tx, actor.scope, link.order_id);
    if (link.revoked_at) return;
    await repo.updateLink(tx.db, linkId, { revoked_at: tx.clock.now().toISOString() });
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: link.order_id,
      action: 'customer_link_revoked',
      changes: { customerLink: [linkId, 'revoked'] },
    });
  });
}

/**
 * The order a customer token opens. Unknown or tampered tokens answer 404 (they reveal nothing);
 * expired or withdrawn ones 401. Every link route resolves through here, so a token reaches only its own order.
 */
export async function resolveCustomerLink(ctx: AppContext, token: string): Promise<WorkOrderRow> {
  const parsed = parseLink(token);
  if (!parsed) throw notFound('customer_link');
  const link = await repo.findLink(ctx.db, parsed.linkId);
  if (!link) throw notFound('customer_link');
  const verdict = checkLink(
    await linkSecret(ctx),
    token,
    { orderId: link.order_id },
    ctx.clock.now().getTime(),
  );
  if (verdict === 'tampered') throw notFound('customer_link');
  // The stored expiry and revocation decide, not only the token's own claim: a token signed
  // with a leaked key (or an old key after rotation) cannot outlive the link the server issued.
  const now = ctx.clock.now().toISOString();
  if (verdict === 'expired' || link.revoked_at || link.expires_at <= now)
    throw new AppError(401, 'link_expired');
  const order = await findOrder(ctx.db, link.order_id);
  if (!order) throw notFound('customer_link');
  await repo.updateLink(ctx.db, link.id, { last_used_at: ctx.clock.now().toISOString() });
  return order;
}

/** A part of the customer's view contributed by another capability. */
export type CustomerLinkSection = (ctx: AppContext, order: WorkOrderRow) => Promise<unknown>;
const sections = new Map<string, CustomerLinkSection>();

/** Adds a named section to the customer's view of their order (e.g. `escalation`, `signOff`). */
export function registerCustomerLinkSection(name: string, section: CustomerLinkSection): void {
  sections.set(name, section);
}

/** What the customer sees: progress, the appointment and the engineer's name — no internal notes. */
export async function customerView(ctx: AppContext, order: WorkOrderRow, locale: 'zh-CN' | 'en') {
  const transitions = await transitionsOf(ctx, order.id);
  const assignments = await activeAssignments(ctx, order.id);
  const lead = assignments.find((a) => a.role === 'lead');
  const appointments = await appointmentsOf(ctx, order.id);
  const current = appointments.filter((a) => a.state === 'proposed' || a.state === 'confirmed').at(-1);
  const extra: Record<string, unknown> = {};
  for (const [name, section] of sections) extra[name] = await section(ctx, order);
  return {
    number: order.number,
    type: order.type,
    typeLabel: typeLabels[order.type][locale],
    state: order.state,
    stateLabel: stateLabels[order.state][locale],
    receivedAt: order.received_at,
    progress: [
      { state: 'received', stateLabel: stateLabels.received[locale], at: order.received_at },
      ...transitions.map((t) => ({
        state: t.to_state,
        stateLabel: stateLabels[t.to_state][locale],
        at: t.at,
      })),
    ],
    engineer: lead ? { name: lead.display_name } : null,
    // What the customer was told (handover, reschedule, late arrival …): their own messages, no internal notes.
    notices: (await noticesOf(ctx, order.id)).map((n) => ({
      kind: n.kind,
      text: locale === 'zh-CN' ? n.body_zh : n.body_en,
      at: n.created_at,
    })),
    appointment: current
      ? {
          id: current.id,
          windowStart: current.window_start,
          windowEnd: current.window_end,
          state: current.state,
          // The page offers confirming and moving only while the visit can still be agreed.
          canChange: APPOINTMENT_STATES.includes(order.state),
        }
      : null,
    sections: extra,
  };
}
