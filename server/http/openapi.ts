// The OpenAPI 3.1 document, generated from the endpoints' contracts (./contracts): the same
// declarations `route()` parses with, so the document cannot drift from the handlers.
import { z } from 'zod';
import { CONTRACTS, type Contract } from './contracts';
import { browserStatuses, type ErrorStatus } from './contracts/contract';
import { errorResponse } from './schemas';

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'Invalid input (unknown fields too), a malformed id, or a missing or bad Idempotency-Key',
  401: 'Not signed in, bad credentials, or a bad API token',
  403: 'Signed in but not allowed, or a cookie-authenticated write from another origin (cross_origin)',
  404: 'Not found (also what is not yours, so ids cannot be probed)',
  409: 'Concurrency retries exhausted, an Idempotency-Key reused with another body, or a conflict',
  413: 'Body over 64 KB',
  415: 'A body not sent as application/json (session-cookie calls)',
  422: 'A business rule refused the command',
  429: 'Too many failed attempts: wait for Retry-After seconds',
  503: 'The database is unreachable',
};

/** The object schema behind a query or params schema (through refinements and transforms). */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  const def = (schema as { _zod: { def: { type: string; in?: z.ZodType } } })._zod.def;
  if ('shape' in schema) return (schema as z.ZodObject).shape as Record<string, z.ZodType>;
  if (def.type === 'pipe' && def.in) return shapeOf(def.in);
  return {};
}

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

function parametersOf(op: Contract) {
  const out: unknown[] = [];
  for (const [where, schema] of [
    ['path', op.params],
    ['query', op.query],
  ] as const) {
    if (!schema) continue;
    for (const [name, field] of Object.entries(shapeOf(schema))) {
      out.push({
        name,
        in: where,
        required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
        schema: schemaOf(field as z.ZodType, 'input'),
      });
    }
  }
  if (op.idempotency) {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: op.idempotency === 'required',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    });
  }
  return out;
}

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of CONTRACTS) {
    const success = op.response
      ? { content: { 'application/json': { schema: schemaOf(op.response, 'output') } } }
      : op.produces
        ? { content: Object.fromEntries(op.produces.map((type) => [type, {}])) }
        : {};
    const responses: Record<string, unknown> = { [op.status]: { description: 'Success', ...success } };
    for (const status of [...new Set([...op.errors, ...browserStatuses(op)])].sort()) {
      responses[status] = {
        description: ERROR_DESCRIPTIONS[status],
        ...(status === 503 ? {} : { content: errorContent }),
      };
    }
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, unknown>)[op.method.toLowerCase()] = {
      summary: op.summary,
      ...(op.auth === 'public' ? { security: [] } : {}),
      ...(Array.isArray(op.auth) ? { 'x-roles': op.auth } : {}),
      parameters: parametersOf(op),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(op.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Leasebook API',
      version: '1.0.0',
      description: 'Event-sourced property management. Money in integer cents, dates YYYY-MM-DD.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ session: [] }, { bearer: [] }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'leasebook_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
      schemas: { Error: schemaOf(errorResponse, 'output') },
    },
    paths,
  };
}
