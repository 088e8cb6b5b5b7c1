/** Builds the OpenAPI 3.1 document from the same zod schemas that validate requests. */
import { z } from 'zod';
import type { RouteDef } from './route.ts';
import { zErrorBody } from './schemas.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete out.$schema;
  return out;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

const replayHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Optional. A replay with the same key answers the first answer again and changes nothing',
  schema: { type: 'string', minLength: 8, maxLength: 200 },
};

const errorResponse = {
  description: 'Error; message in the language of Accept-Language (zh-CN default, en)',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/** The OpenAPI 3.1 document for these routes. */
export function buildOpenApi(routes: RouteDef[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: r.tags,
      operationId: `${r.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(\w)/g, (_, c: string) => c.toUpperCase())}`,
      parameters: [
        ...parametersOf(r.params, 'path'),
        ...parametersOf(r.query, 'query'),
        ...(r.replayable ? [replayHeader] : []),
      ],
      responses: {
        [String(r.status ?? 200)]: r.produces
          ? {
              description: 'File',
              content: { [r.produces]: { schema: { type: 'string', format: 'binary' } } },
            }
          : {
              description: 'Success',
              ...(r.response
                ? { content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } }
                : {}),
            },
        '4XX': errorResponse,
      },
    };
    if (r.auth !== 'public') op.security = [{ session: [] }, { bearer: [] }];
    if (r.body)
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
      };
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Onsite (现场) API',
      version,
      description:
        'Field-service operations: work orders, deadlines, change control. Errors share one shape.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(zErrorBody, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'onsite_session' },
        bearer: { type: 'http', scheme: 'bearer', description: 'API token issued at /api/v1/tokens (ost_…)' },
      },
    },
  };
}

/**
 * A self-contained interactive docs page (no CDN): lists every operation and lets you try it.
 * The icon is named so the browser does not ask for `/favicon.ico`, which the API answers 404.
 */
export function docsPage(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Onsite API</title>
<link rel="icon" href="/api/docs/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body></html>`;
}

/** Starts Swagger UI on the docs page; a file of its own because the security policy allows no inline script. */
export function docsStartScript(): string {
  // Over 200 operations: opening with every tag folded draws the page in a fraction of the
  // time (drawing every operation at once took tens of seconds on a busy machine).
  return "window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', withCredentials: true, docExpansion: 'none', defaultModelsExpandDepth: -1 });\n";
}
