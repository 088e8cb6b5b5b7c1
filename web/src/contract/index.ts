/**
 * Names for the shapes of the generated API contract (`api.gen.ts`): what a route answers and what
 * it accepts. Pages type their requests with these instead of copying the server's shapes.
 */
import type { paths } from './api.gen.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON a route answers with on success (200 or 201). */
export type ApiOk<P extends keyof paths, M extends Method> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: infer Ok }
    ? Json<Ok>
    : R extends { 201: infer Created }
      ? Json<Created>
      : never
  : never;

/** The JSON body a route accepts. */
export type ApiBody<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: infer B;
}
  ? Json<NonNullable<B>>
  : never;

/** True only when two unions hold exactly the same members; used to tie console vocabularies to the API. */
export type SameMembers<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
