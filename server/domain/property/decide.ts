// The property decider: registering a property with its units, adding units, posting notices.
import { assertNever } from '../shared/assert-never';
import type { Ctx } from '../shared/ctx';
import { localDate } from '../shared/dates';
import { DomainError } from '../shared/errors';
import { requireCents, requireOptionalDate, requireText } from '../shared/validate';
import type { NewUnit, PropertyCommand, PropertyCommandOf } from './commands';
import type { PropertyEvent, Unit } from './events';
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
    message: `Enter a market rent greater than zero, in whole cents, for unit "${label}".`,
  });
  return { unitId: unit.unitId ?? ctx.newId(), label, marketRentCents };
}

function registerProperty(
  command: PropertyCommandOf<'RegisterProperty'>,
  state: PropertyState,
  ctx: Ctx,
): PropertyEvent[] {
  if (state.status !== 'none') {
    throw new DomainError('property_already_exists', 'A property with this id already exists.', 'propertyId');
  }
  const text = (value: string, field: string, what: string) =>
    requireText(value, { code: 'invalid_property', field, message: `Enter the property's ${what}.` });
  const name = text(command.name, 'name', 'name');
  const address = {
    line1: text(command.address.line1, 'address.line1', 'street address'),
    city: text(command.address.city, 'address.city', 'city'),
    state: text(command.address.state, 'address.state', 'state'),
    postalCode: text(command.address.postalCode, 'address.postalCode', 'postal code'),
  };
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
    default:
      return assertNever(command);
  }
}
