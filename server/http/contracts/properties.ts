// Properties: search, one property with its units, registering one, posting a notice.
import { z } from 'zod';
import { propertySearchQuery } from '../../queries/schemas';
import { noticeBody, propertyBody, propertyIdParams } from '../schemas';
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
