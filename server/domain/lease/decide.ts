// The lease decider's entry point: routes each command to the module owning its rules.
// Every refusal is a DomainError; an accepted command returns all of its events at once.
import { assertNever } from '../shared/assert-never';
import type { Ctx } from '../shared/ctx';
import { DomainError } from '../shared/errors';
import {
  addRecurringCharge,
  grantCredit,
  postCharge,
  removeRecurringCharge,
  waiveCharge,
} from './adjustments';
import { postDueItems } from './billing';
import type { LeaseCommand } from './commands';
import { settleDeposit } from './deposit';
import type { LeaseEvent } from './events';
import { cancelAutopay, createLease, enrolAutopay, renewLease, terminateLease } from './lifecycle';
import { receivePayment, reversePayment } from './payments';
import type { Lease, LeaseState } from './state';

function requireLease(state: LeaseState): Lease {
  if (state.status === 'none') throw new DomainError('lease_not_found', 'There is no such lease.');
  return state;
}

export function decide(command: LeaseCommand, state: LeaseState, ctx: Ctx): LeaseEvent[] {
  switch (command.type) {
    case 'CreateLease':
      return createLease(command, state);
    case 'PostDueItems':
      return postDueItems(command.asOf, requireLease(state), ctx, command.item);
    case 'ReceivePayment':
      return receivePayment(command, requireLease(state), ctx.now);
    case 'ReversePayment':
      return reversePayment(command, requireLease(state), ctx);
    case 'RenewLease':
      return renewLease(command, requireLease(state), ctx.now);
    case 'TerminateLease':
      return terminateLease(command, requireLease(state), ctx);
    case 'EnrolAutopay':
      return enrolAutopay(command, requireLease(state), ctx.now);
    case 'CancelAutopay':
      return cancelAutopay(requireLease(state), ctx.now);
    case 'PostCharge':
      return postCharge(command, requireLease(state), ctx.now);
    case 'WaiveCharge':
      return waiveCharge(command, requireLease(state), ctx.now);
    case 'GrantCredit':
      return grantCredit(command, requireLease(state), ctx.now);
    case 'AddRecurringCharge':
      return addRecurringCharge(command, requireLease(state), ctx.now);
    case 'RemoveRecurringCharge':
      return removeRecurringCharge(command, requireLease(state), ctx.now);
    case 'SettleDeposit':
      return settleDeposit(command, requireLease(state), ctx);
    default:
      return assertNever(command);
  }
}
