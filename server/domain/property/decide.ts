// The property decider: registering a property with its units, changing its name and address,
// adding units, posting and withdrawing notices.
import { assertNever } from '../shared/assert-never';
import type { Ctx } from '../shared/ctx';
import { localDate } from '../shared/dates';
import { DomainError } from '../shared/errors';
import { formatUsd, MAX_RENT_CENTS } from '../shared/money';
import { requireCents, requireOptionalDate, requireText } from '../shared/validate';
import type { NewUnit, PropertyCommand, PropertyCommandOf } from './commands';
import type { Address, PropertyEvent, Unit } from './events';
import { type Property, type PropertyState, sameLabel } from './state';

function requireProperty(state: PropertyState): Property {
  if (state.status === 'none') throw new DomainError('property_not_found', 'There is no such property.');
  return state;
}

function newUnit(unit: NewUnit, taken: Unit[], ctx: Ctx): Unit {
  const label = requireText(unit.label, {
    code: 'invalid_property',
    field: 'label',
    message: 'Give every unit a label.',
  });
  if (taken.some((other) => sameLabel(other.label, label))) {
    throw new DomainError(
      'unit_label_taken',
      `This property already has a unit labelled "${label}".`,
      'label',
    );
  }
  const marketRentCents = requireCents(unit.marketRentCents, {
    code: 'invalid_rent',
    field: 'marketRentCents',
    message: `Enter a market rent from $0.01 to ${formatUsd(MAX_RENT_CENTS)} for unit "${label}".`,
    rent: true,
  });
  return { unitId: unit.unitId ?? ctx.newId(), label, marketRentCents };
}

const detailText = (value: string, field: string, what: string) =>
  requireText(value, { code: 'invalid_property', field, message: `Enter the property's ${what}.` });

function requireDetails(command: { name: string; address: Address }): { name: string; address: Address } {
  return {
    name: detailText(command.name, 'name', 'name'),
    address: {
      line1: detailText(command.address.line1, 'address.line1', 'street address'),
      city: detailText(command.address.city, 'address.city', 'city'),
      state: detailText(command.address.state, 'address.state', 'state'),
      postalCode: detailText(command.address.postalCode, 'address.postalCode', 'postal code'),
    },
  };
}

/** Nothing is recorded when the name and address stay as they are (a form saved unchanged). */
function changeDetails(
  command: PropertyCommandOf<'ChangePropertyDetails'>,
  property: Property,
): PropertyEvent[] {
  const { name, address } = requireDetails(command);
  const same =
    name === property.name &&
    (Object.keys(address) as (keyof Address)[]).every((key) => address[key] === property.address[key]);
  return same ? [] : [{ type: 'PropertyDetailsChanged', data: { name, address } }];
}

function withdrawNotice(
  command: PropertyCommandOf<'WithdrawNotice'>,
  property: Property,
  ctx: Ctx,
): PropertyEvent[] {
  const notice = property.notices.find((n) => n.noticeId === command.noticeId);
  if (!notice) throw new DomainError('notice_not_found', 'This property has no such notice.', 'noticeId');
  if (notice.withdrawnOn !== undefined) {
    throw new DomainError(
      'notice_already_withdrawn',
      `This notice was already withdrawn on ${notice.withdrawnOn}.`,
      'noticeId',
    );
  }
  const reason = command.reason?.trim();
  const data = {
    noticeId: notice.noticeId,
    ...(reason ? { reason } : {}),
    withdrawnBy: command.withdrawnBy,
    withdrawnOn: localDate(ctx.now, property.timeZone),
  };
  return [{ type: 'NoticeWithdrawn', data }];
}

function registerProperty(
  command: PropertyCommandOf<'RegisterProperty'>,
  state: PropertyState,
  ctx: Ctx,
): PropertyEvent[] {
  if (state.status !== 'none') {
    throw new DomainError('property_already_exists', 'A property with this id already exists.', 'propertyId');
  }
  const { name, address } = requireDetails(command);
  if (command.units.length === 0) {
    throw new DomainError('property_needs_units', 'A property needs at least one unit.', 'units');
  }
  const units: Unit[] = [];
  for (const unit of command.units) units.push(newUnit(unit, units, ctx));
  const { propertyId, managerId, timeZone } = command;
  return [{ type: 'PropertyRegistered', data: { propertyId, name, address, managerId, units, timeZone } }];
}

function postNotice(command: PropertyCommandOf<'PostNotice'>, property: Property, ctx: Ctx): PropertyEvent[] {
  const title = requireText(command.title, {
    code: 'invalid_notice',
    field: 'title',
    message: 'Give the notice a title.',
  });
  const body = requireText(command.body, {
    code: 'invalid_notice',
    field: 'body',
    message: 'Write the notice text.',
  });
  const expiresOn = requireOptionalDate(command.expiresOn, 'expiresOn');
  const today = localDate(ctx.now, property.timeZone);
  // A notice may expire today (tenants see it through its expiry day), never in the past.
  if (expiresOn !== undefined && expiresOn < today) {
    throw new DomainError(
      'invalid_notice_expiry',
      `The expiry date cannot be in the past (today is ${today}).`,
      'expiresOn',
    );
  }
  const data = {
    noticeId: command.noticeId ?? ctx.newId(),
    title,
    body,
    ...(expiresOn === undefined ? {} : { expiresOn }),
    postedBy: command.postedBy,
    postedOn: today,
  };
  return [{ type: 'NoticePosted', data }];
}

export function decide(command: PropertyCommand, state: PropertyState, ctx: Ctx): PropertyEvent[] {
  switch (command.type) {
    case 'RegisterProperty':
      return registerProperty(command, state, ctx);
    case 'AddUnit': {
      const property = requireProperty(state);
      return [{ type: 'UnitAdded', data: newUnit(command, property.units, ctx) }];
    }
    case 'PostNotice':
      return postNotice(command, requireProperty(state), ctx);
    case 'WithdrawNotice':
      return withdrawNotice(command, requireProperty(state), ctx);
    case 'ChangePropertyDetails':
      return changeDetails(command, requireProperty(state));
    default:
      return assertNever(command);
  }
}
