// Read models for people (dashboard, analytics), the event feed, billing, health, this document.
import { analyticsQuery } from '../../queries/schemas';
import { billingBody, feedQuery, feedResponse } from '../schemas';
import { contract } from './contract';

export const tenantDashboard = contract({
  method: 'GET',
  path: '/dashboard/tenant',
  summary: "The signed-in tenant's dashboard read model",
  auth: ['tenant'],
  status: 200,
  errors: [401, 403],
});

export const managerAnalytics = contract({
  method: 'GET',
  path: '/analytics/manager',
  summary: "The signed-in manager's portfolio analytics over a date range (default: last 12 months)",
  auth: ['manager'],
  query: analyticsQuery,
  status: 200,
  errors: [400, 401, 403],
});

export const eventFeed = contract({
  method: 'GET',
  path: '/events',
  summary: 'The global event feed in commit-safe order',
  auth: ['auditor', 'admin'],
  query: feedQuery,
  status: 200,
  response: feedResponse,
  errors: [400, 401, 403],
});

export const billingRun = contract({
  method: 'POST',
  path: '/billing/run',
  summary: 'Post due charges and late fees as of a date (idempotent; 409 while a run is under way)',
  auth: ['admin'],
  body: billingBody,
  idempotency: 'optional',
  status: 200,
  errors: [400, 401, 403, 409, 413],
});

export const health = contract({
  method: 'GET',
  path: '/health',
  summary: 'Database and projection health (503 when the database is unreachable)',
  auth: 'public',
  status: 200,
  errors: [401, 503],
});

export const openApi = contract({
  method: 'GET',
  path: '/openapi.json',
  summary: 'This document',
  auth: 'public',
  status: 200,
  errors: [401],
});
