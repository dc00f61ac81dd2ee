'use server';
// Server actions of the manager's property and tenant pages: register a property, change its name
// and address, add a unit, post and withdraw a notice, invite a tenant and resend the invite. Each goes through the one wrapper (server/http/action.ts) and the same use case as the
// JSON API, which authorises itself.
import { z } from 'zod';
import {
  addProperty,
  addUnit,
  changePropertyDetails,
  inviteTenant,
  postNotice,
  resendInvite,
  withdrawNotice,
} from '@/server/commands/portfolio';
import { action, idempotencyKey } from '@/server/http/action';
import {
  noticeBody,
  propertyBody,
  propertyDetailsBody,
  tenantBody,
  unitBody,
  withdrawNoticeBody,
} from '@/server/http/schemas';

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

export const withdrawNoticeAction = action(
  {
    name: 'withdrawNotice',
    auth: ['manager'],
    input: z.strictObject({
      propertyId: z.uuid(),
      noticeId: z.uuid(),
      ...withdrawNoticeBody.shape,
      idempotencyKey,
    }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const { idempotencyKey: _key, ...withdrawal } = input;
    await withdrawNotice(runtime, actor, withdrawal, envelope);
    revalidate(`/manager/properties/${input.propertyId}`, '/tenant');
    return { noticeId: input.noticeId };
  },
);

export const changePropertyDetailsAction = action(
  {
    name: 'changePropertyDetails',
    auth: ['manager'],
    input: z.strictObject({ propertyId: z.uuid(), ...propertyDetailsBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const { idempotencyKey: _key, ...details } = input;
    const result = await changePropertyDetails(runtime, actor, details, envelope);
    revalidate(`/manager/properties/${input.propertyId}`, '/manager/properties', '/manager/leases');
    return { changed: result.events.length > 0 };
  },
);

export const addUnitAction = action(
  {
    name: 'addUnit',
    auth: ['manager'],
    input: z.strictObject({ propertyId: z.uuid(), ...unitBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const { idempotencyKey: _key, ...unit } = input;
    const result = await addUnit(runtime, actor, unit, envelope);
    revalidate(`/manager/properties/${input.propertyId}`, '/manager/properties');
    return { unitId: result.unitId };
  },
);

/** The invite link's token is returned once, to be shown once; only its hash is stored. */
export const inviteTenantAction = action(
  { name: 'inviteTenant', auth: ['manager'], input: tenantBody },
  async ({ actor, input, runtime, revalidate }) => {
    const invited = await inviteTenant(runtime, actor, input);
    revalidate('/manager/tenants');
    return { tenantId: invited.tenantId, email: input.email, invitePath: `/invite/${invited.inviteToken}` };
  },
);

/** A new link for a tenant who has not accepted yet; the old one stops working. Shown once. */
export const resendInviteAction = action(
  { name: 'resendInvite', auth: ['manager'], input: z.strictObject({ tenantId: z.uuid() }) },
  async ({ actor, input, runtime, revalidate }) => {
    const invited = await resendInvite(runtime, actor, input);
    revalidate('/manager/tenants');
    return { invitePath: `/invite/${invited.inviteToken}`, expiresAt: invited.expiresAt };
  },
);
