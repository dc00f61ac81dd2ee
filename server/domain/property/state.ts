// The property aggregate's state: its units (for label uniqueness) and notices.
// Plain JSON only, because it is snapshotted.
import type { Address, Unit } from './events';

export type Notice = {
  noticeId: string;
  title: string;
  body: string;
  expiresOn?: string;
  postedBy: string;
  postedOn: string;
};

export type Property = {
  status: 'registered';
  propertyId: string;
  name: string;
  address: Address;
  managerId: string;
  /** IANA time zone: every "today" of the property and its leases is the local date here. */
  timeZone: string;
  units: Unit[];
  notices: Notice[];
};

export type PropertyState = { status: 'none' } | Property;

export const initialState: PropertyState = { status: 'none' };

export const STATE_SCHEMA_VERSION = 2;

/** Labels compare without case or surrounding space: "2b" and " 2B" are the same door. */
export const sameLabel = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Notices a tenant sees on `date`: not expired yet (the expiry day itself still shows). */
export const noticesOn = (property: Property, date: string): Notice[] =>
  property.notices.filter((notice) => notice.expiresOn === undefined || notice.expiresOn >= date);
