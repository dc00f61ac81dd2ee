// Leases: the list and one lease, their history and state, and every change to a lease.
import { z } from 'zod';
import { leaseListQuery } from '../../queries/schemas';
import {
  autopayBody,
  chargeBody,
  chargeParams,
  chargeResponse,
  createLeaseBody,
  creditBody,
  creditResponse,
  depositSettlementBody,
  depositSettlementResponse,
  exportQuery,
  leaseEventsQuery,
  leaseEventsResponse,
  leaseIdParams,
  leaseLedgerResponse,
  leaseStateQuery,
  leaseStateResponse,
  leaseWriteResponse,
  paymentBody,
  paymentParams,
  paymentResponse,
  recurringChargeBody,
  recurringParams,
  recurringResponse,
  renewalBody,
  reversalBody,
  terminationBody,
  verifyResponse,
  waiverBody,
} from '../schemas';
import { contract } from './contract';

const READERS = ['tenant', 'manager', 'auditor', 'admin'] as const;
const AUDITORS = ['manager', 'auditor', 'admin'] as const;
/** A change to one lease: bad input, not signed in, not your kind of change, not yours, conflict, rule. */
const CHANGE_ERRORS = [400, 401, 403, 404, 409, 413, 422] as const;

export const listLeases = contract({
  method: 'GET',
  path: '/leases',
  summary: "Leases: a tenant's own, a manager's portfolio, every lease for auditors",
  auth: READERS,
  query: leaseListQuery,
  status: 200,
  errors: [400, 401, 403],
});

export const createLease = contract({
  method: 'POST',
  path: '/leases',
  summary: 'Create a lease on a vacant unit of your property',
  auth: ['manager'],
  body: createLeaseBody,
  idempotency: 'optional',
  status: 201,
  response: z.object({ leaseId: z.uuid(), version: z.int() }),
  errors: CHANGE_ERRORS,
});

export const getLease = contract({
  method: 'GET',
  path: '/leases/{leaseId}',
  summary: 'One lease (404 for a lease the caller may not see)',
  auth: READERS,
  params: leaseIdParams,
  status: 200,
  errors: [400, 401, 403, 404],
});

export const leaseLedger = contract({
  method: 'GET',
  path: '/leases/{leaseId}/ledger',
  summary: "The lease's ledger in posting order, with the running balance after each item",
  auth: READERS,
  params: leaseIdParams,
  status: 200,
  response: leaseLedgerResponse,
  errors: [400, 401, 403, 404],
});

export const leaseState = contract({
  method: 'GET',
  path: '/leases/{leaseId}/state',
  summary: 'The lease as of a recorded time or version',
  auth: 'signed-in',
  params: leaseIdParams,
  query: leaseStateQuery,
  status: 200,
  response: leaseStateResponse,
  errors: [400, 401, 404],
});

export const leaseEvents = contract({
  method: 'GET',
  path: '/leases/{leaseId}/events',
  summary: "The lease's events, upcast to the current schema",
  auth: 'signed-in',
  params: leaseIdParams,
  query: leaseEventsQuery,
  status: 200,
  response: leaseEventsResponse,
  errors: [400, 401, 404],
});

export const verifyLease = contract({
  method: 'GET',
  path: '/leases/{leaseId}/verify',
  summary: "Recompute the lease stream's hash chain",
  auth: AUDITORS,
  params: leaseIdParams,
  status: 200,
  response: verifyResponse,
  errors: [400, 401, 403, 404],
});

export const exportLease = contract({
  method: 'GET',
  path: '/leases/{leaseId}/export',
  summary: 'Download the full timeline (CSV or JSON)',
  auth: AUDITORS,
  params: leaseIdParams,
  query: exportQuery,
  status: 200,
  produces: ['text/csv', 'application/json'],
  errors: [400, 401, 403, 404],
});

export const pay = contract({
  method: 'POST',
  path: '/leases/{leaseId}/payments',
  summary: 'A tenant pays (card or ACH, today) or the manager records a payment',
  auth: ['tenant', 'manager'],
  params: leaseIdParams,
  body: paymentBody,
  idempotency: 'required',
  status: 201,
  response: paymentResponse,
  errors: CHANGE_ERRORS,
});

export const reversePayment = contract({
  method: 'POST',
  path: '/leases/{leaseId}/payments/{paymentId}/reversal',
  summary: 'Reverse a payment (NSF, chargeback, error)',
  auth: ['manager'],
  params: paymentParams,
  body: reversalBody,
  idempotency: 'optional',
  status: 201,
  response: paymentResponse,
  errors: CHANGE_ERRORS,
});

export const renewLease = contract({
  method: 'POST',
  path: '/leases/{leaseId}/renewal',
  summary: 'Renew a lease',
  auth: ['manager'],
  params: leaseIdParams,
  body: renewalBody,
  idempotency: 'optional',
  status: 201,
  response: leaseWriteResponse,
  errors: CHANGE_ERRORS,
});

export const terminateLease = contract({
  method: 'POST',
  path: '/leases/{leaseId}/termination',
  summary: 'Terminate a lease with an effective date',
  auth: ['manager'],
  params: leaseIdParams,
  body: terminationBody,
  idempotency: 'optional',
  status: 201,
  response: leaseWriteResponse,
  errors: CHANGE_ERRORS,
});

export const enrolAutopay = contract({
  method: 'POST',
  path: '/leases/{leaseId}/autopay',
  summary: 'Enrol your lease in autopay',
  auth: ['tenant'],
  params: leaseIdParams,
  body: autopayBody,
  idempotency: 'optional',
  status: 201,
  response: leaseWriteResponse,
  errors: CHANGE_ERRORS,
});

export const cancelAutopay = contract({
  method: 'DELETE',
  path: '/leases/{leaseId}/autopay',
  summary: 'Cancel autopay',
  auth: ['tenant'],
  params: leaseIdParams,
  idempotency: 'optional',
  status: 200,
  response: leaseWriteResponse,
  errors: [400, 401, 403, 404, 409, 422],
});

export const postCharge = contract({
  method: 'POST',
  path: '/leases/{leaseId}/charges',
  summary: 'Post a one-off charge (fee, utility, damage, other) on a lease of your property',
  auth: ['manager'],
  params: leaseIdParams,
  body: chargeBody,
  idempotency: 'optional',
  status: 201,
  response: chargeResponse,
  errors: CHANGE_ERRORS,
});

export const waiveCharge = contract({
  method: 'POST',
  path: '/leases/{leaseId}/charges/{chargeId}/waiver',
  summary: 'Waive an open charge or late fee (not rent); what was paid of it becomes credit',
  auth: ['manager'],
  params: chargeParams,
  body: waiverBody,
  idempotency: 'optional',
  status: 201,
  response: chargeResponse,
  errors: CHANGE_ERRORS,
});

export const grantCredit = contract({
  method: 'POST',
  path: '/leases/{leaseId}/credits',
  summary: 'Grant a credit (a concession); it pays open items like a payment',
  auth: ['manager'],
  params: leaseIdParams,
  body: creditBody,
  idempotency: 'optional',
  status: 201,
  response: creditResponse,
  errors: CHANGE_ERRORS,
});

export const addRecurringCharge = contract({
  method: 'POST',
  path: '/leases/{leaseId}/recurring-charges',
  summary: 'Add a recurring charge (parking, pet rent), billed with the rent of each period it covers',
  auth: ['manager'],
  params: leaseIdParams,
  body: recurringChargeBody,
  idempotency: 'optional',
  status: 201,
  response: recurringResponse,
  errors: CHANGE_ERRORS,
});

export const removeRecurringCharge = contract({
  method: 'DELETE',
  path: '/leases/{leaseId}/recurring-charges/{recurringId}',
  summary: 'Remove a recurring charge: no period not yet billed is charged for it',
  auth: ['manager'],
  params: recurringParams,
  idempotency: 'optional',
  status: 200,
  response: recurringResponse,
  errors: [400, 401, 403, 404, 409, 422],
});

export const settleDeposit = contract({
  method: 'POST',
  path: '/leases/{leaseId}/deposit-settlement',
  summary:
    'Settle the security deposit once the lease is over: deductions, then the balance, the rest refunded',
  auth: ['manager'],
  params: leaseIdParams,
  body: depositSettlementBody,
  idempotency: 'optional',
  status: 201,
  response: depositSettlementResponse,
  errors: CHANGE_ERRORS,
});
