// Folds one property event into the state; events before registration are ignored.
import { assertNever } from '../shared/assert-never';
import type { PropertyEvent } from './events';
import type { PropertyState } from './state';

export function evolve(state: PropertyState, event: PropertyEvent): PropertyState {
  switch (event.type) {
    case 'PropertyRegistered': {
      if (state.status !== 'none') return state;
      const { propertyId, name, address, managerId, units, timeZone = 'UTC' } = event.data;
      return {
        status: 'registered',
        propertyId,
        name,
        address: { ...address },
        managerId,
        timeZone,
        units: units.map((unit) => ({ ...unit })),
        notices: [],
      };
    }
    case 'UnitAdded': {
      if (state.status === 'none') return state;
      const { unitId, label, marketRentCents } = event.data;
      return { ...state, units: [...state.units, { unitId, label, marketRentCents }] };
    }
    case 'NoticePosted': {
      if (state.status === 'none') return state;
      const { noticeId, title, body, expiresOn, postedBy, postedOn } = event.data;
      const notice = {
        noticeId,
        title,
        body,
        ...(expiresOn === undefined ? {} : { expiresOn }),
        postedBy,
        postedOn,
      };
      return { ...state, notices: [...state.notices, notice] };
    }
    default:
      return assertNever(event);
  }
}
