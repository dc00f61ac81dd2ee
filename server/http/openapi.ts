// The OpenAPI 3.1 document, generated from the same zod schemas the routes parse with.
import { z } from 'zod';
import { isoDateSchema } from '../domain/shared/dates';
import { leaseListQuery, propertySearchQuery } from '../queries/schemas';
import * as s from './schemas';

type Auth = 'public' | 'signed-in' | string[];
interface Operation {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  auth: Auth;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  status: number;
  response?: z.ZodType;
  idempotency?: 'required' | 'optional';
}

const writeResponse = s.leaseWriteResponse;
const ops: Operation[] = [
  {
    method: 'post',
    path: '/session',
    summary: 'Sign in',
    auth: 'public',
    body: s.signInBody,
    status: 200,
    response: s.userResponse,
  },
  { method: 'delete', path: '/session', summary: 'Sign out', auth: 'signed-in', status: 204 },
  {
    method: 'get',
    path: '/me',
    summary: 'The current user',
    auth: 'signed-in',
    status: 200,
    response: s.userResponse,
  },
  {
    method: 'post',
    path: '/tokens',
    summary: 'Create an API token (shown once)',
    auth: 'signed-in',
    body: s.tokenBody,
    status: 201,
    response: z.object({ token: z.string() }),
  },
  {
    method: 'post',
    path: '/tenants',
    summary: 'Invite a tenant',
    auth: ['manager'],
    body: s.tenantBody,
    status: 201,
    response: z.object({ tenantId: z.uuid(), inviteToken: z.string() }),
  },
  {
    method: 'post',
    path: '/invites/{token}',
    summary: 'Accept an invite: set the password',
    auth: 'public',
    params: s.inviteParams,
    body: s.inviteBody,
    status: 200,
    response: s.userResponse,
  },
  {
    method: 'post',
    path: '/leases',
    summary: 'Create a lease',
    auth: ['manager'],
    body: s.createLeaseBody,
    status: 201,
    response: z.object({ leaseId: z.uuid(), version: z.int() }),
    idempotency: 'optional',
  },
  {
    method: 'post',
    path: '/leases/{leaseId}/payments',
    summary: 'Pay or record a payment',
    auth: ['tenant', 'manager'],
    params: s.leaseIdParams,
    body: s.paymentBody,
    status: 201,
    response: s.paymentResponse,
    idempotency: 'required',
  },
  {
    method: 'post',
    path: '/leases/{leaseId}/payments/{paymentId}/reversal',
    summary: 'Reverse a payment',
    auth: ['manager'],
    params: s.paymentParams,
    body: s.reversalBody,
    status: 201,
    response: s.paymentResponse,
    idempotency: 'optional',
  },
  {
    method: 'post',
    path: '/leases/{leaseId}/renewal',
    summary: 'Renew a lease',
    auth: ['manager'],
    params: s.leaseIdParams,
    body: s.renewalBody,
    status: 201,
    response: writeResponse,
    idempotency: 'optional',
  },
  {
    method: 'post',
    path: '/leases/{leaseId}/termination',
    summary: 'Terminate a lease',
    auth: ['manager'],
    params: s.leaseIdParams,
    body: s.terminationBody,
    status: 201,
    response: writeResponse,
    idempotency: 'optional',
  },
  {
    method: 'post',
    path: '/leases/{leaseId}/autopay',
    summary: 'Enrol in autopay',
    auth: ['tenant'],
    params: s.leaseIdParams,
    body: s.autopayBody,
    status: 201,
    response: writeResponse,
    idempotency: 'optional',
  },
  {
    method: 'delete',
    path: '/leases/{leaseId}/autopay',
    summary: 'Cancel autopay',
    auth: ['tenant'],
    params: s.leaseIdParams,
    status: 200,
    response: writeResponse,
    idempotency: 'optional',
  },
  {
    method: 'get',
    path: '/leases/{leaseId}/events',
    summary: "The lease's events (upcast)",
    auth: ['tenant', 'manager', 'auditor', 'admin'],
    params: s.leaseIdParams,
    query: s.leaseEventsQuery,
    status: 200,
    response: s.leaseEventsResponse,
  },
  {
    method: 'get',
    path: '/leases/{leaseId}/verify',
    summary: 'Recompute the hash chain',
    auth: ['manager', 'auditor', 'admin'],
    params: s.leaseIdParams,
    status: 200,
    response: s.verifyResponse,
  },
  {
    method: 'get',
    path: '/leases/{leaseId}/export',
    summary: 'Download the timeline (CSV or JSON)',
    auth: ['manager', 'auditor', 'admin'],
    params: s.leaseIdParams,
    query: s.exportQuery,
    status: 200,
  },
  {
    method: 'get',
    path: '/leases/{leaseId}/state',
    summary: 'The lease as of a time or version',
    auth: ['tenant', 'manager', 'auditor', 'admin'],
    params: s.leaseIdParams,
    query: s.leaseStateQuery,
    status: 200,
    response: s.leaseStateResponse,
  },
  {
    method: 'post',
    path: '/maintenance-requests',
    summary: 'File a maintenance request',
    auth: ['tenant'],
    body: s.maintenanceBody,
    status: 201,
    response: z.object({ requestId: z.uuid() }),
    idempotency: 'optional',
  },
  {
    method: 'post',
    path: '/maintenance-requests/{id}/schedule',
    summary: 'Schedule a request',
    auth: ['manager'],
    params: s.requestIdParams,
    body: s.scheduleBody,
    status: 201,
    idempotency: 'optional',
  },
  {
    method: 'post',
    path: '/maintenance-requests/{id}/complete',
    summary: 'Complete a request',
    auth: ['manager'],
    params: s.requestIdParams,
    body: s.completeBody,
    status: 201,
    idempotency: 'optional',
  },
  {
    method: 'post',
    path: '/maintenance-requests/{id}/cancel',
    summary: 'Cancel a request',
    auth: ['manager'],
    params: s.requestIdParams,
    body: s.cancelBody,
    status: 201,
    idempotency: 'optional',
  },
  {
    method: 'post',
    path: '/maintenance-requests/{id}/rating',
    summary: 'Rate a completed request',
    auth: ['tenant'],
    params: s.requestIdParams,
    body: s.ratingBody,
    status: 201,
    idempotency: 'optional',
  },
  {
    method: 'post',
    path: '/properties',
    summary: 'Register a property',
    auth: ['manager'],
    body: s.propertyBody,
    status: 201,
    response: z.object({ propertyId: z.uuid() }),
    idempotency: 'optional',
  },
  {
    method: 'post',
    path: '/properties/{propertyId}/notices',
    summary: 'Post a notice',
    auth: ['manager'],
    params: s.propertyIdParams,
    body: s.noticeBody,
    status: 201,
    idempotency: 'optional',
  },
  {
    method: 'get',
    path: '/events',
    summary: 'The global event feed',
    auth: ['auditor', 'admin'],
    query: s.feedQuery,
    status: 200,
    response: s.feedResponse,
  },
  {
    method: 'post',
    path: '/billing/run',
    summary: 'Run billing as of a date',
    auth: ['admin'],
    body: s.billingBody,
    status: 200,
    idempotency: 'optional',
  },
  { method: 'get', path: '/health', summary: 'Database and projection health', auth: 'public', status: 200 },
  {
    method: 'get',
    path: '/leases',
    summary: "Leases: a tenant's own, a manager's portfolio, every lease for auditors",
    auth: ['tenant', 'manager', 'auditor', 'admin'],
    query: leaseListQuery,
    status: 200,
  },
  {
    method: 'get',
    path: '/leases/{leaseId}',
    summary: 'One lease (404 for a lease the caller may not see)',
    auth: ['tenant', 'manager', 'auditor', 'admin'],
    params: s.leaseIdParams,
    status: 200,
  },
  {
    method: 'get',
    path: '/properties',
    summary: 'Property search: text, city, vacancy, rent range',
    auth: ['manager', 'auditor', 'admin'],
    query: propertySearchQuery,
    status: 200,
  },
  {
    method: 'get',
    path: '/properties/{propertyId}',
    summary: 'One property with its units and occupancy',
    auth: ['manager', 'auditor', 'admin'],
    params: s.propertyIdParams,
    status: 200,
  },
  {
    method: 'get',
    path: '/dashboard/tenant',
    summary: "The signed-in tenant's dashboard read model",
    auth: ['tenant'],
    status: 200,
  },
  {
    method: 'get',
    path: '/analytics/manager',
    summary: "The signed-in manager's portfolio analytics over a date range (default: last 12 months)",
    auth: ['manager'],
    query: z.strictObject({ from: isoDateSchema.optional(), to: isoDateSchema.optional() }),
    status: 200,
  },
];

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

function parametersOf(op: Operation) {
  const out: unknown[] = [];
  for (const [where, schema] of [
    ['path', op.params],
    ['query', op.query],
  ] as const) {
    if (!schema) continue;
    for (const [name, field] of Object.entries(schema.shape)) {
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
  for (const op of ops) {
    const responses: Record<string, unknown> = {
      [op.status]: {
        description: 'Success',
        ...(op.response
          ? { content: { 'application/json': { schema: schemaOf(op.response, 'output') } } }
          : {}),
      },
      '400': { description: 'Invalid input', content: errorContent },
    };
    if (op.auth !== 'public') responses['401'] = { description: 'Not signed in', content: errorContent };
    if (Array.isArray(op.auth)) responses['403'] = { description: 'Not allowed', content: errorContent };
    if (op.params) responses['404'] = { description: 'Not found', content: errorContent };
    if (op.body) {
      responses['413'] = { description: 'Body over 64 KB', content: errorContent };
      responses['422'] = { description: 'A business rule refused the command', content: errorContent };
    }
    if (op.idempotency)
      responses['409'] = { description: 'Conflict or idempotency key reused', content: errorContent };
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, unknown>)[op.method] = {
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
      schemas: { Error: schemaOf(s.errorResponse, 'output') },
    },
    paths,
  };
}
