/** /api/v1/customers and /api/v1/contacts: customers and the people to call there. */
import { z } from 'zod';
import type { CustomerContactTable, CustomerTable } from '../../db/schema.ts';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zList, zPage, zText } from '../../http/schemas.ts';
import { historyRoute } from '../history/history.routes.ts';
import { zCode, zPhone, zQueryBool } from '../partners/partners.routes.ts';
import { CUSTOMERS_READ } from './customers.permissions.ts';
import { CUSTOMER_KINDS } from './customers.rules.ts';
import * as customers from './customers.service.ts';

const zCustomer = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(CUSTOMER_KINDS),
  regionId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The API shape of a customer. */
export function presentCustomer(c: CustomerTable): z.infer<typeof zCustomer> {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    kind: c.kind,
    regionId: c.region_id,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

const zContact = z.object({
  id: z.string(),
  customerId: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  isEscort: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The API shape of a customer contact. */
export function presentContact(c: CustomerContactTable): z.infer<typeof zContact> {
  return {
    id: c.id,
    customerId: c.customer_id,
    name: c.name,
    phone: c.phone,
    email: c.email,
    title: c.title,
    isEscort: c.is_escort === 1,
    active: c.active === 1,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

const zEmail = z.string().trim().max(200).pipe(z.email());

const contactFields = {
  name: zText(50),
  phone: zPhone.nullable().optional(),
  email: zEmail.nullable().optional(),
  title: zText(50).nullable().optional(),
  isEscort: z.boolean().optional(),
};

export const customerRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/customers',
    summary: 'List customers visible to the caller (partners: in their regions; customers: themselves)',
    tags: ['customers'],
    auth: 'user',
    permission: CUSTOMERS_READ,
    query: z.strictObject({
      q: z.string().max(100).optional(),
      kind: z.enum(CUSTOMER_KINDS).optional(),
      regionId: zId.optional(),
      ...zPage,
    }),
    response: zList(zCustomer),
    handler: async ({ ctx, actor, query }) => {
      const { limit, offset, ...filter } = query;
      const { items, total } = await customers.listCustomers(ctx, actor.scope, filter, { limit, offset });
      return { items: items.map(presentCustomer), total };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/customers/:id',
    summary: 'One customer',
    tags: ['customers'],
    auth: 'user',
    permission: CUSTOMERS_READ,
    params: zIdParams,
    response: zCustomer,
    handler: async ({ ctx, actor, params }) =>
      presentCustomer(await customers.getCustomer(ctx, actor.scope, params.id)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/customers',
    summary: 'Register a customer (operator, enterprise or household) in a region',
    tags: ['customers'],
    auth: 'user',
    permission: 'reference.manage',
    status: 201,
    body: z.strictObject({
      code: zCode,
      name: zText(100),
      kind: z.enum(CUSTOMER_KINDS),
      regionId: zId,
    }),
    response: zCustomer,
    handler: async ({ ctx, actor, body }) =>
      presentCustomer(await customers.createCustomer(ctx, actor, body)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/customers/:id',
    summary: 'Change a customer',
    tags: ['customers'],
    auth: 'user',
    permission: 'reference.manage',
    params: zIdParams,
    body: z.strictObject({
      code: zCode.optional(),
      name: zText(100).optional(),
      kind: z.enum(CUSTOMER_KINDS).optional(),
      regionId: zId.optional(),
      reason: zText(500).optional(),
    }),
    response: zCustomer,
    handler: async ({ ctx, actor, params, body }) => {
      const { reason, ...patch } = body;
      return presentCustomer(await customers.updateCustomer(ctx, actor, params.id, patch, reason));
    },
  }),
  historyRoute({
    base: '/api/v1/customers',
    entityType: 'customer',
    tag: 'customers',
    ensureVisible: (ctx, actor, id) => customers.getCustomer(ctx, actor.scope, id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/customers/:id/contacts',
    summary: 'The contacts of a customer (retired ones with includeInactive=true)',
    tags: ['customers'],
    auth: 'user',
    permission: CUSTOMERS_READ,
    params: zIdParams,
    query: z.strictObject({ includeInactive: zQueryBool.optional() }),
    response: z.object({ items: z.array(zContact) }),
    handler: async ({ ctx, actor, params, query }) => ({
      items: (await customers.listContacts(ctx, actor.scope, params.id, query.includeInactive ?? false)).map(
        presentContact,
      ),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/customers/:id/contacts',
    summary: 'Add a contact to a customer (name, phone, email, title, escort flag)',
    tags: ['customers'],
    auth: 'user',
    permission: 'reference.manage',
    status: 201,
    params: zIdParams,
    body: z.strictObject(contactFields),
    response: zContact,
    handler: async ({ ctx, actor, params, body }) =>
      presentContact(await customers.addContact(ctx, actor, params.id, body)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/contacts/:id',
    summary: 'One customer contact',
    tags: ['customers'],
    auth: 'user',
    permission: CUSTOMERS_READ,
    params: zIdParams,
    response: zContact,
    handler: async ({ ctx, actor, params }) =>
      presentContact(await customers.getContact(ctx, actor.scope, params.id)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/contacts/:id',
    summary: 'Change a contact, or retire it with active=false (never deleted)',
    tags: ['customers'],
    auth: 'user',
    permission: 'reference.manage',
    params: zIdParams,
    body: z.strictObject({
      name: contactFields.name.optional(),
      phone: contactFields.phone,
      email: contactFields.email,
      title: contactFields.title,
      isEscort: contactFields.isEscort,
      active: z.boolean().optional(),
      reason: zText(500).optional(),
    }),
    response: zContact,
    handler: async ({ ctx, actor, params, body }) => {
      const { reason, ...patch } = body;
      return presentContact(await customers.updateContact(ctx, actor, params.id, patch, reason));
    },
  }),
  historyRoute({
    base: '/api/v1/contacts',
    entityType: 'contact',
    tag: 'customers',
    ensureVisible: (ctx, actor, id) => customers.getContact(ctx, actor.scope, id),
  }),
];
