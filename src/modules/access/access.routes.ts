/** /api/v1/auth and /api/v1/tokens. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zIdParams, zInstant, zOk } from '../../http/schemas.ts';
import * as access from './access.service.ts';
import { type Actor, permissionsOf } from './policy.ts';
import { ROLES } from './roles.ts';

const zMe = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  partnerId: z.string().nullable(),
  customerId: z.string().nullable(),
  locale: z.enum(['zh-CN', 'en']),
  timeZone: z.string(),
  scope: z.enum(['all', 'partner', 'customer']),
  permissions: z.array(z.string()),
});

function presentMe(actor: Actor): z.infer<typeof zMe> {
  return {
    id: actor.personId,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    partnerId: actor.partnerId,
    customerId: actor.customerId,
    locale: actor.locale,
    timeZone: actor.timeZone,
    scope: actor.scope.kind,
    permissions: permissionsOf(actor),
  };
}

function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: string,
  secure: boolean,
) {
  reply.setCookie(access.SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secure || req.protocol === 'https',
    expires: new Date(expiresAt),
  });
}

export const accessRoutes = [
  route({
    method: 'POST',
    url: '/api/v1/auth/login',
    summary: 'Sign in with username and password; sets the session cookie',
    tags: ['auth'],
    auth: 'public',
    body: z.strictObject({
      username: z.string().trim().min(1).max(64),
      password: z.string().min(1).max(256),
    }),
    response: zMe,
    handler: async ({ ctx, body, req, reply }) => {
      const { token, actor, expiresAt } = await access.login(ctx, body.username, body.password, req.ip);
      setSessionCookie(req, reply, token, expiresAt, ctx.config.cookieSecure);
      return presentMe(actor);
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/auth/logout',
    summary: 'Sign out: ends the session and clears the cookie',
    tags: ['auth'],
    auth: 'public',
    response: zOk,
    handler: async ({ ctx, req, reply }) => {
      const token = req.cookies[access.SESSION_COOKIE];
      if (token) await access.logout(ctx, token);
      reply.clearCookie(access.SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/auth/me',
    summary: 'The signed-in person, their roles, scope and permissions',
    tags: ['auth'],
    auth: 'user',
    response: zMe,
    handler: async ({ actor }) => presentMe(actor),
  }),
  route({
    method: 'POST',
    url: '/api/v1/auth/password',
    summary: 'Change your own password; your other sessions end',
    tags: ['auth'],
    auth: 'user',
    body: z.strictObject({
      currentPassword: z.string().min(1).max(256),
      newPassword: z.string().min(1).max(256),
    }),
    response: zOk,
    handler: async ({ ctx, actor, body, req }) => {
      await access.changeOwnPassword(
        ctx,
        actor,
        req.cookies[access.SESSION_COOKIE],
        body.currentPassword,
        body.newPassword,
      );
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/tokens',
    summary: 'API tokens for integrations (without their secrets)',
    tags: ['auth'],
    auth: 'user',
    permission: 'tokens.manage',
    response: z.object({
      items: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          personId: z.string(),
          username: z.string(),
          createdAt: z.string(),
          expiresAt: z.string().nullable(),
          revokedAt: z.string().nullable(),
          scopes: z.array(z.string()).nullable(),
        }),
      ),
    }),
    handler: async ({ ctx }) => ({
      items: (await access.listApiTokens(ctx)).map((t) => ({
        id: t.id,
        name: t.name,
        personId: t.person_id,
        username: t.username,
        createdAt: t.created_at,
        expiresAt: t.expires_at,
        revokedAt: t.revoked_at,
        scopes: t.scopes ? (JSON.parse(t.scopes) as string[]) : null,
      })),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/tokens',
    summary:
      'Issue an API token acting as a person, limited to scopes (a subset of their permissions) and expiring; the secret is returned once. A token cannot issue tokens',
    tags: ['auth'],
    auth: 'user',
    permission: 'tokens.manage',
    status: 201,
    body: z.strictObject({
      personId: zIdParams.shape.id,
      name: z.string().trim().min(1).max(100),
      expiresAt: zInstant.nullable().optional(),
      scopes: z.array(z.string().min(1).max(100)).max(200).optional(),
    }),
    response: z.object({
      id: z.string(),
      token: z.string(),
      scopes: z.array(z.string()),
      expiresAt: z.string(),
    }),
    handler: async ({ ctx, actor, body }) => access.createApiToken(ctx, actor, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/tokens/:id',
    summary: 'Revoke an API token (the record is kept)',
    tags: ['auth'],
    auth: 'user',
    permission: 'tokens.manage',
    params: zIdParams,
    response: zOk,
    handler: async ({ ctx, actor, params }) => {
      await access.revokeApiToken(ctx, actor, params.id);
      return { ok: true as const };
    },
  }),
];
