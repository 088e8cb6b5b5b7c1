/** Who is signed in: GET /api/v1/auth/me, shared through TanStack Query. */
import { useQuery } from '@tanstack/react-query';
import { ApiError, type Me } from './api.ts';
import { cachedGet } from './offline/store.ts';
import { setUserTimeZone } from './time.ts';

export const ME_KEY = ['me'] as const;

/** The signed-in person, or an ApiError 401 when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    // With no network the last answer kept on the phone stands in (the engineer's offline app);
    // a 401 from the server is never hidden.
    networkMode: 'always',
    queryFn: async () => {
      const me = await cachedGet<Me>('/api/v1/auth/me');
      setUserTimeZone(me.timeZone);
      return me;
    },
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    staleTime: 60_000,
  });
}

/** True when the person holds the permission (the server checks again on every call). */
export function has(me: Me | undefined, permission: string): boolean {
  return !!me && me.permissions.includes(permission);
}
