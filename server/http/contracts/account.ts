// Sessions, the current user, API tokens and tenant invitations.
import { z } from 'zod';
import {
  inviteBody,
  inviteParams,
  passwordBody,
  signInBody,
  tenantBody,
  tenantDirectoryQuery,
  tenantIdParams,
  tokenBody,
  tokenInfo,
  tokenParams,
  userResponse,
} from '../schemas';
import { contract } from './contract';

export const signIn = contract({
  method: 'POST',
  path: '/session',
  summary: 'Sign in (sets the session cookie)',
  auth: 'public',
  body: signInBody,
  status: 200,
  response: userResponse,
  errors: [400, 401, 413, 429],
});

export const signOut = contract({
  method: 'DELETE',
  path: '/session',
  summary: 'Sign out',
  auth: 'signed-in',
  status: 204,
  errors: [401],
});

export const me = contract({
  method: 'GET',
  path: '/me',
  summary: 'The current user',
  auth: 'signed-in',
  status: 200,
  response: userResponse,
  errors: [401],
});

export const createToken = contract({
  method: 'POST',
  path: '/tokens',
  summary: 'Create an API token (shown once); expiresInDays 1–365, default 90; at most 20 live ones',
  auth: 'signed-in',
  body: tokenBody,
  status: 201,
  response: z.object({ token: z.string(), tokenId: z.uuid(), expiresAt: z.string() }),
  errors: [400, 401, 413, 422],
});

export const listTokens = contract({
  method: 'GET',
  path: '/tokens',
  summary: "The signed-in user's live API tokens (never the secrets)",
  auth: 'signed-in',
  status: 200,
  response: z.object({ tokens: z.array(tokenInfo) }),
  errors: [401],
});

export const revokeToken = contract({
  method: 'DELETE',
  path: '/tokens/{tokenId}',
  summary: 'Revoke one of your API tokens',
  auth: 'signed-in',
  params: tokenParams,
  status: 200,
  response: z.object({ revoked: z.literal(true), tokenId: z.uuid() }),
  errors: [400, 401, 404],
});

export const changePassword = contract({
  method: 'POST',
  path: '/me/password',
  summary: 'Change your password: signs out every other session and revokes your API tokens',
  auth: 'signed-in',
  body: passwordBody,
  status: 200,
  response: z.object({ changed: z.literal(true) }),
  errors: [400, 401, 403, 413, 429],
});

export const signOutEverywhere = contract({
  method: 'DELETE',
  path: '/sessions',
  summary: 'Sign out everywhere: ends every session of the user (API tokens stay; revoke them one by one)',
  auth: 'signed-in',
  status: 204,
  errors: [401],
});

export const inviteTenant = contract({
  method: 'POST',
  path: '/tenants',
  summary: 'Invite a tenant (409 if the email exists)',
  auth: ['manager'],
  body: tenantBody,
  status: 201,
  response: z.object({ tenantId: z.uuid(), inviteToken: z.string() }),
  errors: [400, 401, 403, 409, 413],
});

export const listTenants = contract({
  method: 'GET',
  path: '/tenants',
  summary: 'Your tenant directory: search by name or email, paged (addition beyond API.md)',
  auth: ['manager'],
  query: tenantDirectoryQuery,
  status: 200,
  errors: [400, 401, 403],
});

export const resendInvite = contract({
  method: 'POST',
  path: '/tenants/{tenantId}/invite',
  summary:
    'Send a tenant who has not accepted yet a new invite; the old link stops working (addition beyond API.md)',
  auth: ['manager'],
  params: tenantIdParams,
  status: 201,
  response: z.object({ tenantId: z.uuid(), inviteToken: z.string(), expiresAt: z.string() }),
  errors: [400, 401, 403, 404, 409],
});

export const acceptInvite = contract({
  method: 'POST',
  path: '/invites/{token}',
  summary: 'Accept an invite: set the password (one use, 7 days)',
  auth: 'public',
  params: inviteParams,
  body: inviteBody,
  status: 200,
  response: userResponse,
  errors: [400, 401, 404, 413, 429],
});
