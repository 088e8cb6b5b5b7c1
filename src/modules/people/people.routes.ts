/** /api/v1/people, engineer profiles, certifications, and /api/v1/reference/roles. */
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import type { CertificationTable } from '../../db/schema.ts';
import { registerMessages } from '../../http/messages.ts';
import { route } from '../../http/route.ts';
import { zDate, zId, zIdParams, zList, zPage, zText, zTimeZone } from '../../http/schemas.ts';
import { i18n } from '../../http/validation.ts';
import { type Actor, assertCan } from '../access/policy.ts';
import { CUSTOMER_ROLES, ROLES, roleLabels } from '../access/roles.ts';
import { historyRoute } from '../history/history.routes.ts';
import { zPhone, zQueryBool } from '../partners/partners.routes.ts';
import { certificationValid, dateIn, EMPLOYMENTS, workCardValid } from './people.rules.ts';
import * as people from './people.service.ts';

/** The username field message. Called from the capability's `register`. */
export function registerPeopleMessages(): void {
  registerMessages(
    {},
    {
      invalid_username: {
        'zh-CN': '用户名只能包含字母、数字、点、下划线和连字符（2–64 位）',
        en: 'may hold only letters, digits, ., _ and - (2–64 characters)',
      },
    },
  );
}

const zPerson = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  partnerId: z.string().nullable(),
  customerId: z.string().nullable(),
  active: z.boolean(),
  locale: z.enum(['zh-CN', 'en']),
  timeZone: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  regionIds: z.array(z.string()),
  hasPassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The API shape of a person (never the password hash). */
export function presentPerson(p: people.PersonView): z.infer<typeof zPerson> {
  return {
    id: p.id,
    username: p.username,
    displayName: p.display_name,
    phone: p.phone,
    email: p.email,
    partnerId: p.partner_id,
    customerId: p.customer_id,
    active: p.active === 1,
    locale: p.locale,
    timeZone: p.time_zone,
    roles: p.roles,
    regionIds: p.regionIds,
    hasPassword: p.hasPassword,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}

const zProfile = z.object({
  personId: z.string(),
  employment: z.enum(EMPLOYMENTS),
  workCardNo: z.string().nullable(),
  workCardExpiresOn: z.string().nullable(),
  /** RS-3: whether the work card requirement is met today (always true for own engineers). */
  workCardValid: z.boolean(),
  skills: z.array(z.string()),
  vehicle: z.string().nullable(),
  lastLat: z.number().nullable(),
  lastLng: z.number().nullable(),
  lastSeenAt: z.string().nullable(),
  updatedAt: z.string(),
});

/** Today's date where validity is judged: the server's configured time zone. */
function today(ctx: AppContext): string {
  return dateIn(ctx.clock.now(), ctx.config.defaultTimeZone);
}

/** The API shape of an engineer profile, with today's work-card verdict. */
export function presentProfile(p: people.EngineerProfileView, onDate: string): z.infer<typeof zProfile> {
  return {
    personId: p.person_id,
    employment: p.employment,
    workCardNo: p.work_card_no,
    workCardExpiresOn: p.work_card_expires_on,
    workCardValid: workCardValid(
      { employment: p.employment, workCardNo: p.work_card_no, workCardExpiresOn: p.work_card_expires_on },
      onDate,
    ),
    skills: p.skills,
    vehicle: p.vehicle,
    lastLat: p.last_lat,
    lastLng: p.last_lng,
    lastSeenAt: p.last_seen_at,
    updatedAt: p.updated_at,
  };
}

const zCertification = z.object({
  id: z.string(),
  personId: z.string(),
  product: z.string(),
  level: z.string().nullable(),
  certificateNo: z.string().nullable(),
  expiresOn: z.string(),
  revokedAt: z.string().nullable(),
  /** RS-3: whether it counts today. */
  valid: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The API shape of a certification, with today's verdict. */
export function presentCertification(c: CertificationTable, onDate: string): z.infer<typeof zCertification> {
  return {
    id: c.id,
    personId: c.person_id,
    product: c.product,
    level: c.level,
    certificateNo: c.certificate_no,
    expiresOn: c.expires_on,
    revokedAt: c.revoked_at,
    valid: certificationValid(people.certificationFacts(c), onDate),
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

/** People may read their own profile and certifications; reading others' needs people.read. */
function assertSelfOr(actor: Actor, personId: string, permission: string): void {
  if (actor.personId !== personId) assertCan(actor, permission);
}

const zUsername = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{2,64}$/, { message: i18n('invalid_username') });
const zEmail = z.string().trim().max(200).pipe(z.email());
const zRoles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);
const zRegionIds = z.array(zId).max(200);

export const peopleRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/reference/roles',
    summary: 'The roles a person can hold, with their names in zh-CN and en',
    tags: ['reference'],
    auth: 'user',
    response: z.object({
      items: z.array(
        z.object({
          role: z.enum(ROLES),
          label: z.object({ 'zh-CN': z.string(), en: z.string() }),
          customerSide: z.boolean(),
        }),
      ),
    }),
    handler: async () => ({
      items: ROLES.map((role) => ({
        role,
        label: roleLabels[role],
        customerSide: CUSTOMER_ROLES.includes(role),
      })),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/people',
    summary: 'List people (a partner’s people see only their colleagues)',
    tags: ['people'],
    auth: 'user',
    permission: 'people.read',
    query: z.strictObject({
      role: z.enum(ROLES).optional(),
      partnerId: zId.optional(),
      customerId: zId.optional(),
      regionId: zId.optional(),
      active: zQueryBool.optional(),
      q: z.string().max(100).optional(),
      ...zPage,
    }),
    response: zList(zPerson),
    handler: async ({ ctx, actor, query }) => {
      const { limit, offset, ...filter } = query;
      const { items, total } = await people.listPeople(ctx, actor.scope, filter, { limit, offset });
      return { items: items.map(presentPerson), total };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/people/:id',
    summary: 'One person with roles and regions',
    tags: ['people'],
    auth: 'user',
    permission: 'people.read',
    params: zIdParams,
    response: zPerson,
    handler: async ({ ctx, actor, params }) =>
      presentPerson(await people.getPerson(ctx, actor.scope, params.id)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/people',
    summary: 'Add a person with roles, optionally of a partner or a customer',
    tags: ['people'],
    auth: 'user',
    permission: 'people.manage',
    status: 201,
    body: z.strictObject({
      username: zUsername,
      displayName: zText(50),
      roles: zRoles,
      password: z.string().max(200).optional(),
      phone: zPhone.nullable().optional(),
      email: zEmail.nullable().optional(),
      partnerId: zId.nullable().optional(),
      customerId: zId.nullable().optional(),
      regionIds: zRegionIds.optional(),
      locale: z.enum(['zh-CN', 'en']).optional(),
      timeZone: zTimeZone.nullable().optional(),
    }),
    response: zPerson,
    handler: async ({ ctx, actor, body }) => {
      const row = await people.createPerson(ctx, actor, body);
      return presentPerson(await people.getPerson(ctx, actor.scope, row.id));
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/people/:id',
    summary: 'Change a person’s details, roles or regions, or deactivate them with active=false',
    tags: ['people'],
    auth: 'user',
    permission: 'people.manage',
    params: zIdParams,
    body: z.strictObject({
      displayName: zText(50).optional(),
      phone: zPhone.nullable().optional(),
      email: zEmail.nullable().optional(),
      roles: zRoles.optional(),
      regionIds: zRegionIds.optional(),
      active: z.boolean().optional(),
      locale: z.enum(['zh-CN', 'en']).optional(),
      timeZone: zTimeZone.nullable().optional(),
      reason: zText(500).optional(),
    }),
    response: zPerson,
    handler: async ({ ctx, actor, params, body }) => {
      await people.getPerson(ctx, actor.scope, params.id);
      const { reason, ...patch } = body;
      return presentPerson(await people.updatePerson(ctx, actor, params.id, patch, reason));
    },
  }),
  route({
    method: 'PUT',
    url: '/api/v1/people/:id/password',
    summary: 'An administrator sets a person’s password',
    tags: ['people'],
    auth: 'user',
    permission: 'people.manage',
    params: zIdParams,
    body: z.strictObject({ password: z.string().min(1).max(200) }),
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ ctx, actor, params, body }) => {
      await people.getPerson(ctx, actor.scope, params.id);
      await people.setPersonPassword(ctx, actor, params.id, body.password);
      return { ok: true as const };
    },
  }),
  historyRoute({
    base: '/api/v1/people',
    entityType: 'person',
    tag: 'people',
    ensureVisible: (ctx, actor, id) => people.getPerson(ctx, actor.scope, id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/people/:id/engineer-profile',
    summary: 'An engineer’s profile (employment, work card, skills, vehicle, last position)',
    tags: ['people'],
    auth: 'user',
    params: zIdParams,
    response: zProfile,
    handler: async ({ ctx, actor, params }) => {
      assertSelfOr(actor, params.id, 'people.read');
      const profile = await people.getEngineerProfile(ctx, actor.scope, params.id);
      if (!profile) throw people.profileMissing();
      return presentProfile(profile, today(ctx));
    },
  }),
  route({
    method: 'PUT',
    url: '/api/v1/people/:id/engineer-profile',
    summary: 'Create or replace an engineer’s profile; partner engineers need a work card (RS-3)',
    tags: ['people'],
    auth: 'user',
    permission: 'people.manage',
    params: zIdParams,
    body: z.strictObject({
      employment: z.enum(EMPLOYMENTS),
      workCardNo: zText(64).nullable().optional(),
      workCardExpiresOn: zDate.nullable().optional(),
      skills: z.array(zText(64)).max(100).optional(),
      vehicle: zText(100).nullable().optional(),
    }),
    response: zProfile,
    handler: async ({ ctx, actor, params, body }) => {
      await people.getPerson(ctx, actor.scope, params.id);
      return presentProfile(await people.upsertEngineerProfile(ctx, actor, params.id, body), today(ctx));
    },
  }),
  route({
    method: 'PUT',
    url: '/api/v1/people/:id/position',
    summary: 'An engineer reports where they are (their own position only)',
    tags: ['people'],
    auth: 'user',
    params: zIdParams,
    body: z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
    response: zProfile,
    handler: async ({ ctx, actor, params, body }) => {
      assertSelfOr(actor, params.id, 'people.manage');
      await people.getPerson(ctx, actor.scope, params.id);
      return presentProfile(await people.reportPosition(ctx, params.id, body), today(ctx));
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/people/:id/certifications',
    summary: 'A person’s product certifications, expired and revoked ones included (RS-3)',
    tags: ['people'],
    auth: 'user',
    params: zIdParams,
    response: z.object({ items: z.array(zCertification) }),
    handler: async ({ ctx, actor, params }) => {
      assertSelfOr(actor, params.id, 'people.read');
      const onDate = today(ctx);
      const items = await people.listCertifications(ctx, actor.scope, params.id);
      return { items: items.map((c) => presentCertification(c, onDate)) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/people/:id/certifications',
    summary: 'Add a product certification (product, level, number, expiry)',
    tags: ['people'],
    auth: 'user',
    permission: 'people.manage',
    status: 201,
    params: zIdParams,
    body: z.strictObject({
      product: zText(64),
      level: zText(32).nullable().optional(),
      certificateNo: zText(64).nullable().optional(),
      expiresOn: zDate,
    }),
    response: zCertification,
    handler: async ({ ctx, actor, params, body }) => {
      await people.getPerson(ctx, actor.scope, params.id);
      return presentCertification(await people.addCertification(ctx, actor, params.id, body), today(ctx));
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/certifications/:id/revoke',
    summary: 'Withdraw a certification; it stays on record (never deleted)',
    tags: ['people'],
    auth: 'user',
    permission: 'people.manage',
    params: zIdParams,
    body: z.strictObject({ reason: zText(500).optional() }),
    response: zCertification,
    handler: async ({ ctx, actor, params, body }) => {
      await people.getCertification(ctx, actor.scope, params.id);
      return presentCertification(
        await people.revokeCertification(ctx, actor, params.id, body.reason),
        today(ctx),
      );
    },
  }),
  historyRoute({
    base: '/api/v1/certifications',
    entityType: 'certification',
    tag: 'people',
    ensureVisible: (ctx, actor, id) => people.getCertification(ctx, actor.scope, id),
  }),
];
