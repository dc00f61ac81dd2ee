// Maintenance requests: filed and rated by the lease's tenant, handled by the property's manager.
import { z } from 'zod';
import {
  cancelBody,
  completeBody,
  maintenanceBody,
  ratingBody,
  requestIdParams,
  scheduleBody,
} from '../schemas';
import { contract } from './contract';

const CHANGE_ERRORS = [400, 401, 403, 404, 409, 413, 422] as const;
const changed = z.object({ requestId: z.uuid(), version: z.int() });

export const fileRequest = contract({
  method: 'POST',
  path: '/maintenance-requests',
  summary: 'File a maintenance request on your lease',
  auth: ['tenant'],
  body: maintenanceBody,
  idempotency: 'optional',
  status: 201,
  response: z.object({ requestId: z.uuid() }),
  errors: CHANGE_ERRORS,
});

const change = (action: 'schedule' | 'complete' | 'cancel' | 'rating', summary: string) =>
  ({
    method: 'POST',
    path: `/maintenance-requests/{id}/${action}`,
    summary,
    params: requestIdParams,
    idempotency: 'optional',
    status: 201,
    response: changed,
    errors: CHANGE_ERRORS,
  }) as const;

export const scheduleRequest = contract({
  ...change('schedule', 'Schedule a request'),
  auth: ['manager'],
  body: scheduleBody,
});
export const completeRequest = contract({
  ...change('complete', 'Complete a request'),
  auth: ['manager'],
  body: completeBody,
});
export const cancelRequest = contract({
  ...change('cancel', 'Cancel a request'),
  auth: ['manager'],
  body: cancelBody,
});
export const rateRequest = contract({
  ...change('rating', 'Rate your completed request (once)'),
  auth: ['tenant'],
  body: ratingBody,
});
