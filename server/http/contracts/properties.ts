// Properties: search, one property with its units, registering one, changing its name and address,
// adding a unit, posting and withdrawing a notice.
import { z } from 'zod';
import { propertySearchQuery } from '../../queries/schemas';
import {
  noticeBody,
  noticeParams,
  propertyBody,
  propertyDetailsBody,
  propertyIdParams,
  unitBody,
  withdrawNoticeBody,
} from '../schemas';
import { contract } from './contract';

export const searchProperties = contract({
  method: 'GET',
  path: '/properties',
  summary: 'Property search: text, city, vacancy, rent range',
  auth: ['manager', 'auditor', 'admin'],
  query: propertySearchQuery,
  status: 200,
  errors: [400, 401, 403],
});

export const registerProperty = contract({
  method: 'POST',
  path: '/properties',
  summary: 'Register a property you will manage',
  auth: ['manager'],
  body: propertyBody,
  idempotency: 'optional',
  status: 201,
  response: z.object({ propertyId: z.uuid() }),
  errors: [400, 401, 403, 409, 413, 422],
});

export const getProperty = contract({
  method: 'GET',
  path: '/properties/{propertyId}',
  summary: 'One property with its units and occupancy',
  auth: ['manager', 'auditor', 'admin'],
  params: propertyIdParams,
  status: 200,
  errors: [400, 401, 403, 404],
});

export const postNotice = contract({
  method: 'POST',
  path: '/properties/{propertyId}/notices',
  summary: "Post a notice to your property's tenants",
  auth: ['manager'],
  params: propertyIdParams,
  body: noticeBody,
  idempotency: 'optional',
  status: 201,
  response: z.object({ propertyId: z.uuid(), noticeId: z.uuid(), version: z.int() }),
  errors: [400, 401, 403, 404, 409, 413, 422],
});

export const withdrawNotice = contract({
  method: 'POST',
  path: '/properties/{propertyId}/notices/{noticeId}/withdrawal',
  summary: 'Withdraw a notice: tenants stop seeing it (addition beyond API.md)',
  auth: ['manager'],
  params: noticeParams,
  body: withdrawNoticeBody,
  idempotency: 'optional',
  status: 201,
  response: z.object({ propertyId: z.uuid(), noticeId: z.uuid(), version: z.int() }),
  errors: [400, 401, 403, 404, 409, 413, 422],
});

export const changePropertyDetails = contract({
  method: 'POST',
  path: '/properties/{propertyId}/details',
  summary: "Change your property's name and address (addition beyond API.md)",
  auth: ['manager'],
  params: propertyIdParams,
  body: propertyDetailsBody,
  idempotency: 'optional',
  status: 200,
  response: z.object({ propertyId: z.uuid(), version: z.int(), changed: z.boolean() }),
  errors: [400, 401, 403, 404, 409, 413, 422],
});

export const addUnit = contract({
  method: 'POST',
  path: '/properties/{propertyId}/units',
  summary: 'Add a unit to your property (addition beyond API.md)',
  auth: ['manager'],
  params: propertyIdParams,
  body: unitBody,
  idempotency: 'optional',
  status: 201,
  response: z.object({ propertyId: z.uuid(), unitId: z.uuid(), version: z.int() }),
  errors: [400, 401, 403, 404, 409, 413, 422],
});
