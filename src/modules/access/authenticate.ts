/**
 * The access capability's public surface for the HTTP layer: the caller of a request, from a
 * bearer API token or the session cookie. src/http calls this and never access's service.
 */
import type { AppContext } from '../../app/context.ts';
import { actorFromSession, actorFromToken, SESSION_COOKIE } from './access.service.ts';
import type { Actor } from './policy.ts';

/** The credentials a request carries, as the HTTP layer parsed them. */
export interface RequestCredentials {
  authorization: string | undefined;
  cookies: Record<string, string | undefined>;
}

/** The actor behind a request's bearer token (when there is an Authorization header) or session cookie. */
export async function authenticateRequest(ctx: AppContext, req: RequestCredentials): Promise<Actor | null> {
  const header = req.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    return m?.[1] ? actorFromToken(ctx, m[1]) : null;
  }
  const token = req.cookies[SESSION_COOKIE];
  return token ? actorFromSession(ctx, token) : null;
}
