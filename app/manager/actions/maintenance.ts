'use server';
// Server actions of the maintenance queue: schedule and complete a request (the property's manager).
import { z } from 'zod';
import { changeMaintenance } from '@/server/commands/maintenance';
import { action, idempotencyKey } from '@/server/http/action';
import { maintenanceAuthoriser } from '@/server/http/lease-access';
import { completeBody, scheduleBody } from '@/server/http/schemas';

export const scheduleMaintenanceAction = action(
  {
    name: 'scheduleMaintenance',
    auth: ['manager'],
    input: z.strictObject({ requestId: z.uuid(), ...scheduleBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    await changeMaintenance(
      runtime,
      input.requestId,
      { type: 'ScheduleMaintenance', scheduledFor: input.scheduledFor },
      envelope,
      { authorise: maintenanceAuthoriser(runtime, actor, 'ScheduleMaintenance') },
    );
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
    await changeMaintenance(
      runtime,
      input.requestId,
      { type: 'CompleteMaintenance', resolution: input.resolution },
      envelope,
      { authorise: maintenanceAuthoriser(runtime, actor, 'CompleteMaintenance') },
    );
    revalidate('/manager/maintenance', '/manager');
    return { requestId: input.requestId };
  },
);
