'use server';
// Server actions of the maintenance queue: schedule, complete or cancel a request (the property's manager),
// through the same use cases as the JSON API.
import { z } from 'zod';
import {
  cancelMaintenance,
  completeMaintenance,
  scheduleMaintenance,
} from '@/server/commands/maintenance-requests';
import { action, idempotencyKey } from '@/server/http/action';
import { cancelBody, completeBody, scheduleBody } from '@/server/http/schemas';

export const scheduleMaintenanceAction = action(
  {
    name: 'scheduleMaintenance',
    auth: ['manager'],
    input: z.strictObject({ requestId: z.uuid(), ...scheduleBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    await scheduleMaintenance(runtime, actor, input, envelope);
    revalidate('/manager/maintenance', '/manager');
    return { requestId: input.requestId };
  },
);

export const completeMaintenanceAction = action(
  {
    name: 'completeMaintenance',
    auth: ['manager'],
    input: z.strictObject({ requestId: z.uuid(), ...completeBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    await completeMaintenance(runtime, actor, input, envelope);
    revalidate('/manager/maintenance', '/manager');
    return { requestId: input.requestId };
  },
);

export const cancelMaintenanceAction = action(
  {
    name: 'cancelMaintenance',
    auth: ['manager'],
    input: z.strictObject({ requestId: z.uuid(), ...cancelBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    await cancelMaintenance(runtime, actor, input, envelope);
    revalidate('/manager/maintenance', '/manager');
    return { requestId: input.requestId };
  },
);
