'use server';
// Server actions of the manager's property pages: register a property, post a notice, invite a
// tenant. Each goes through the one wrapper (server/http/action.ts) and the same command handlers
// as the JSON API.
import { z } from 'zod';
import { authoriseProperty } from '@/server/auth/policy';
import { inviteTenant } from '@/server/auth/sessions';
import { newUuid, uuidFromSeed } from '@/server/commands/ids';
import { changeProperty, registerProperty } from '@/server/commands/property';
import { action, idempotencyKey } from '@/server/http/action';
import { HttpError } from '@/server/http/route';
import { noticeBody, propertyBody, tenantBody } from '@/server/http/schemas';

export const registerPropertyAction = action(
  {
    name: 'registerProperty',
    auth: ['manager'],
    input: z.strictObject({ ...propertyBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    authoriseProperty(actor, 'register', null);
    const { idempotencyKey: _key, ...property } = input;
    const result = await registerProperty(runtime, { ...property, managerId: actor.userId }, envelope);
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
    const noticeId = envelope.commandId ? uuidFromSeed(`notice:${envelope.commandId}`) : newUuid();
    const { propertyId, idempotencyKey: _key, ...notice } = input;
    const command = { type: 'PostNotice' as const, noticeId, ...notice, postedBy: actor.userId };
    await changeProperty(runtime, propertyId, command, envelope, {
      authorise: (state) => authoriseProperty(actor, 'post_notice', state.status === 'none' ? null : state),
    });
    revalidate(`/manager/properties/${input.propertyId}`);
    return { noticeId };
  },
);

/** The invite link's token is returned once, to be shown once; only its hash is stored. */
export const inviteTenantAction = action(
  { name: 'inviteTenant', auth: ['manager'], input: tenantBody },
  async ({ input, runtime }) => {
    const invited = await inviteTenant(runtime.database.db, input);
    if (!invited) throw new HttpError(409, 'email_taken', 'A user with that email already exists.', 'email');
    return { tenantId: invited.tenantId, email: input.email, invitePath: `/invite/${invited.inviteToken}` };
  },
);
