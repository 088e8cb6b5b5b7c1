/**
 * Protections every answer gets, whatever the route: security headers, limits on connections
 * and slow clients, and a per-link rate limit on the customer's public routes.
 */

import type { Socket } from 'node:net';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { AppContext } from '../app/context.ts';
import type { Config } from '../config.ts';
import { takeLinkHit } from '../modules/customer-link/customer-link.limit.ts';
import { AppError } from '../shared/errors.ts';
import { errorBody } from './error-handler.ts';

/**
 * Node server options: a short deadline for request headers, so clients that trickle headers a
 * byte at a time are cut off, and idle sockets closed after a minute (the cap on how many may
 * be open at once is `capConnections`).
 */
export function serverLimits(config: Config) {
  return {
    // A socket with no traffic this long is closed (the inbox stream's heartbeat is 25 s).
    connectionTimeout: 60_000,
    keepAliveTimeout: 5000,
    requestTimeout: 120_000,
    http: {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: 120_000,
      maxHeaderSize: 16_384,
      // How often Node looks for requests past those limits (its default, 30 s, lets a slow client linger).
      connectionsCheckingInterval: 1000,
    },
  } satisfies Partial<FastifyServerOptions> & { http: object };
}

/**
 * Errors Node's HTTP parser meets before Fastify sees a request (headers or URL too long,
 * malformed request line) answer in the one error shape too, not as a bare status line.
 * Nothing about the request is known, so the message is in both languages.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  // The status on the wire is `status`; AppError only lends its code and bilingual message.
  const appErr = new AppError(
    400,
    tooLarge ? 'headers_too_large' : status === 408 ? 'request_timeout' : 'bad_request',
    {
      reason: err.code ?? 'parse error',
    },
  );
  const zh = errorBody(appErr, 'zh-CN');
  const en = errorBody(appErr, 'en');
  const body = JSON.stringify({
    error: { ...zh.error, message: `${zh.error.message} / ${en.error.message}` },
  });
  const reason = tooLarge
    ? 'Request Header Fields Too Large'
    : status === 408
      ? 'Request Timeout'
      : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Applies the connection cap once the server exists (Node's `maxConnections`). */
export function capConnections(app: FastifyInstance, config: Config): void {
  app.server.maxConnections = config.maxConnections;
}

/**
 * Security headers on every answer (the web app at /, the API, /api/docs): a content security
 * policy that allows only this origin's scripts (antd and Swagger UI set inline styles, so
 * styles may be inline), no framing by other sites, no MIME sniffing, and no referrer sent
 * to other origins (customer-link tokens are in URLs).
 */
export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The server may be reached over plain HTTP on a LAN; HSTS belongs to the TLS proxy in front.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
    // Headers beyond those asked for (CSP, nosniff, framing, referrer) are left to the defaults
    // of the browser: with the cross-origin isolation ones on, the plan board's drag and drop failed.
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    originAgentCluster: false,
  });
}

/**
 * Rate limit for the customer's public link routes (`/api/v1/customer/…/:token/…`), counted
 * per token, so one leaked or scripted link cannot flood the order's history. Counters live
 * in the database (`takeLinkHit`): the limit holds across every server process.
 */
export function customerLinkRateLimit(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (req) => {
    const url = req.routeOptions.url;
    if (!url || !isCustomerLinkRoute(url)) return;
    const token = (req.params as { token?: string }).token ?? '';
    const wait = await takeLinkHit(ctx, token, ctx.config.customerLinkRatePerMinute);
    if (wait !== null) throw new AppError(429, 'rate_limited', { retryAfter: wait });
  });
}

/** True for a route the customer-link limit applies to. */
export function isCustomerLinkRoute(url: string): boolean {
  return url.startsWith('/api/v1/customer/') && url.includes(':token');
}
