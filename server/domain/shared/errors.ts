// The one error type deciders throw: a stable snake_case code plus a sentence the person
// who sent the command can act on. The map below is the contract for HTTP mapping.
//
// Codes and suggested HTTP status:
//   400 invalid_input                    malformed field (bad date, wrong type); `field` names it
//   404 lease_not_found, payment_not_found, property_not_found, maintenance_not_found,
//       charge_not_found, recurring_charge_not_found
//   422 (a business rule refused the command):
//     lease:       lease_already_exists, invalid_lease_dates, invalid_rent, invalid_due_day,
//                  invalid_grace_days, invalid_late_fee, invalid_deposit, unit_unavailable,
//                  lease_not_active, invalid_termination_date, invalid_renewal_date
//     payments:    invalid_amount, amount_too_large (also: over the balance of an inactive lease),
//                  invalid_payment_date, method_not_allowed, payment_already_recorded,
//                  payment_already_reversed
//     deposit:     deposit_exceeded, deposit_already_settled, lease_still_active, invalid_deduction
//     autopay:     invalid_autopay_cap, autopay_not_enrolled
//     adjustments: invalid_nsf_fee, invalid_due_date, charge_already_posted, credit_already_granted,
//                  charge_not_waivable, charge_already_waived, charge_not_open,
//                  invalid_recurring_period, recurring_charge_already_exists,
//                  recurring_charge_already_removed
//     property:    property_already_exists, invalid_property, property_needs_units, unit_label_taken,
//                  invalid_notice, invalid_notice_expiry
//     maintenance: maintenance_already_exists, invalid_maintenance_request, invalid_schedule_date,
//                  maintenance_invalid_transition, maintenance_not_completed, maintenance_already_rated,
//                  invalid_rating

export const DOMAIN_ERROR_STATUS = {
  invalid_input: 400,
  lease_not_found: 404,
  payment_not_found: 404,
  property_not_found: 404,
  maintenance_not_found: 404,
  charge_not_found: 404,
  recurring_charge_not_found: 404,
  lease_already_exists: 422,
  invalid_lease_dates: 422,
  invalid_rent: 422,
  invalid_due_day: 422,
  invalid_grace_days: 422,
  invalid_late_fee: 422,
  invalid_deposit: 422,
  unit_unavailable: 422,
  lease_not_active: 422,
  invalid_termination_date: 422,
  invalid_renewal_date: 422,
  invalid_amount: 422,
  amount_too_large: 422,
  invalid_payment_date: 422,
  method_not_allowed: 422,
  payment_already_recorded: 422,
  payment_already_reversed: 422,
  deposit_exceeded: 422,
  deposit_already_settled: 422,
  lease_still_active: 422,
  invalid_deduction: 422,
  invalid_autopay_cap: 422,
  autopay_not_enrolled: 422,
  invalid_nsf_fee: 422,
  invalid_due_date: 422,
  charge_already_posted: 422,
  credit_already_granted: 422,
  charge_not_waivable: 422,
  charge_already_waived: 422,
  charge_not_open: 422,
  invalid_recurring_period: 422,
  recurring_charge_already_exists: 422,
  recurring_charge_already_removed: 422,
  property_already_exists: 422,
  invalid_property: 422,
  property_needs_units: 422,
  unit_label_taken: 422,
  invalid_notice: 422,
  invalid_notice_expiry: 422,
  maintenance_already_exists: 422,
  invalid_maintenance_request: 422,
  invalid_schedule_date: 422,
  maintenance_invalid_transition: 422,
  maintenance_not_completed: 422,
  maintenance_already_rated: 422,
  invalid_rating: 422,
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_STATUS;

// The same registry-wide brand as the event store's errors (domain code imports nothing else):
// a production bundle may hold two copies of this module, so callers use isDomainError.
const ERROR_KIND = Symbol.for('leasebook.error-kind');

export class DomainError extends Error {
  readonly [ERROR_KIND] = 'domain';
  readonly code: DomainErrorCode;
  readonly field?: string;

  constructor(code: DomainErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

export const isDomainError = (error: unknown): error is DomainError =>
  typeof error === 'object' &&
  error !== null &&
  (error as { [ERROR_KIND]?: unknown })[ERROR_KIND] === 'domain';

/** The suggested HTTP status for a refusal (see the table above). */
export const httpStatusOf = (error: DomainError): number => DOMAIN_ERROR_STATUS[error.code];
