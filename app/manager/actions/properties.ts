'use server';
// Server actions of the manager's property pages: register a property, post a notice, invite a
// tenant. Each goes through the one wrapper (server/http/action.ts) and the same use case as the
// JSON API, which authorises itself.
import { z } from 'zod';
import { addProperty, inviteTenant, postNotice } from '@/server/commands/portfolio';
import { action, idempotencyKey } from '@/server/http/action';
import { noticeBody, propertyBody, tenantBody } from '@/server/http/schemas';

export const registerPropertyAction = action(
  {
    name: 'registerProperty',
    auth: ['manager'],
    input: z.strictObject({ ...propertyBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const { idempotencyKey: _key, ...property } = input;
    const result = await addProperty(runtime, actor, property, envelope);
    revalidate('/manager/properties', '/manager');
    return { propertyId: result.propertyId };
  },
);

export const postNoticeAction = action(
  {
    name: 'postNotice',
    auth: ['manager'],
    input: z.strictObject({ propertyId: z.uuid(), ...noticeBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const { idempotencyKey: _key, ...notice } = input;
    const result = await postNotice(runtime, actor, notice, envelope);
    revalidate(`/manager/properties/${input.propertyId}`);
    return { noticeId: result.noticeId };
  },
);

/** The invite link's token is returned once, to be shown once; only its hash is stored. */
export const inviteTenantAction = action(
  { name: 'inviteTenant', auth: ['manager'], input: tenantBody },
  async ({ actor, input, runtime }) => {
    const invited = await inviteTenant(runtime, actor, input);
    return { tenantId: invited.tenantId, email: input.email, invitePath: `/invite/${invited.inviteToken}` };
  },
);
