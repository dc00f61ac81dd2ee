// Maintenance requests through their lifecycle: the tenant files and rates, the manager
// schedules, completes or cancels. Request ids derive from the filing command's id.
import type { CommandEnvelope } from '../commands/handle';
import { uuidFromSeed } from '../commands/ids';
import { changeMaintenance, requestMaintenance } from '../commands/maintenance';
import type { Runtime } from '../runtime';
import type { Action } from './actions';
import { REQUEST_TEXTS, RESOLUTIONS } from './data';

const requestIdOf = (request: number): string => uuidFromSeed(`maintenance:seed:m${request}:request`);

export async function runMaintenance(
  runtime: Runtime,
  action: Extract<Action, { kind: 'maintenance' }>,
  manager: CommandEnvelope,
  tenant: CommandEnvelope,
): Promise<void> {
  const requestId = requestIdOf(action.request);
  switch (action.step) {
    case 'request': {
      const text = REQUEST_TEXTS[action.text];
      if (!text) throw new Error(`No request text ${action.text}`);
      const created = await requestMaintenance(runtime, { leaseId: action.lease.leaseId, ...text }, tenant);
      if (created.requestId !== requestId) throw new Error('Seed request id is not the planned one.');
      return;
    }
    case 'schedule':
      await changeMaintenance(
        runtime,
        requestId,
        { type: 'ScheduleMaintenance', scheduledFor: action.scheduledFor },
        manager,
      );
      return;
    case 'complete': {
      const resolution = RESOLUTIONS[action.resolution % RESOLUTIONS.length] as string;
      await changeMaintenance(runtime, requestId, { type: 'CompleteMaintenance', resolution }, manager);
      return;
    }
    case 'rate': {
      const comment = action.comment === undefined ? {} : { comment: action.comment };
      await changeMaintenance(
        runtime,
        requestId,
        { type: 'RateMaintenance', rating: action.rating, ...comment },
        tenant,
      );
      return;
    }
    case 'cancel':
      await changeMaintenance(
        runtime,
        requestId,
        { type: 'CancelMaintenance', reason: action.reason },
        manager,
      );
      return;
  }
}
