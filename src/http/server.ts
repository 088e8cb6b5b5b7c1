/** Builds the Fastify server: request locale, auth, every declared route, OpenAPI, docs, web app. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { migrationVersion } from '../db/database.ts';
import { authenticateRequest } from '../modules/access/authenticate.ts';
import type { Actor } from '../modules/access/policy.ts';
import { AppError } from '../shared/errors.ts';
import { negotiateLocale } from '../shared/i18n.ts';
import { handleError } from './error-handler.ts';
import {
  capConnections,
  clientErrorHandler,
  customerLinkRateLimit,
  securityHeaders,
  serverLimits,
} from './hardening.ts';
import { buildOpenApi, docsPage, docsStartScript } from './openapi.ts';
import { type RouteDef, runRoute } from './route.ts';
import { apiRoutes } from './routes.ts';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(
  readFileSync(path.join(path.dirname(require.resolve('../../package.json')), 'package.json'), 'utf8'),
) as {
  version: string;
};

/** Resolves the caller from the session cookie or a bearer token. */
function authenticator(ctx: AppContext) {
  return (req: FastifyRequest): Promise<Actor | null> =>
    authenticateRequest(ctx, { authorization: req.headers.authorization, cookies: req.cookies });
}

/** Creates the server with all routes; does not listen. */
export async function buildServer(
  ctx: AppContext,
  opts: { logger?: boolean; routes?: RouteDef[] } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...serverLimits(ctx.config),
    clientErrorHandler,
    logger: opts.logger === false ? false : { level: ctx.config.logLevel },
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    // Ids and routes are case-sensitive; trailing slashes are tolerated for people typing URLs.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // URLs the router itself rejects (bad percent-encoding, over-long parameters) would
    // otherwise answer in Fastify's own shape and language; route them through ours.
    frameworkErrors: (err, req, reply) => {
      req.locale = negotiateLocale(req.headers['accept-language']);
      handleError(ctx.config.bodyLimitBytes)(err, req, reply);
    },
  });
  // The API speaks JSON only; Fastify's default text/plain parser would hand a string to the
  // body schema and answer 422 instead of 415 for the wrong content type.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('locale', 'zh-CN');
  app.addHook('onRequest', async (req) => {
    req.locale = negotiateLocale(req.headers['accept-language']);
  });
  await app.register(fastifyCookie);
  await securityHeaders(app);
  customerLinkRateLimit(app, ctx);
  capConnections(app, ctx.config);
  app.setErrorHandler(handleError(ctx.config.bodyLimitBytes));
  app.setNotFoundHandler((req, reply) => {
    if (!req.url.startsWith('/api/') && existsSync(path.join(ctx.config.webDist, 'index.html'))) {
      // Client-side routes of the single-page app all load its index.
      return reply.type('text/html').sendFile('index.html', ctx.config.webDist);
    }
    handleError(ctx.config.bodyLimitBytes)(
      new AppError(404, 'route_not_found', { method: req.method, url: req.url.split('?')[0] ?? '' }),
      req,
      reply,
    );
  });

  const authenticate = authenticator(ctx);
  const routes = opts.routes ?? apiRoutes;
  for (const def of routes) {
    app.route({
      method: def.method,
      url: def.url,
      ...(def.bodyLimit ? { bodyLimit: def.bodyLimit(ctx.config) } : {}),
      handler: async (req, reply) => {
        const result = await runRoute(def, ctx, req, reply, authenticate);
        if (reply.sent) return reply;
        return result ?? null;
      },
    });
  }

  const openapi = buildOpenApi(routes, pkg.version);
  app.get('/api/openapi.json', async () => openapi);
  app.get('/api/health', async () => {
    const version = await migrationVersion(ctx.database);
    return { status: 'ok', database: ctx.kit.kind, migration: version, version: pkg.version };
  });
  app.get('/api/docs', async (_req, reply) => reply.type('text/html').send(docsPage()));
  app.get('/api/docs/start.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').send(docsStartScript()),
  );

  const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  await app.register(fastifyStatic, {
    root: swaggerDir,
    prefix: '/api/docs/',
    decorateReply: true,
    index: false,
  });
  if (existsSync(ctx.config.webDist)) {
    await app.register(fastifyStatic, {
      root: ctx.config.webDist,
      prefix: '/',
      decorateReply: false,
      wildcard: false,
    });
  }
  return app;
}
