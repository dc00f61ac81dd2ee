// The notifications subscriber: turns committed events into inbox entries and queued emails for
// the people they concern. It writes rows only (the mail sender does the network part), keyed by
// event id and recipient, so a batch handled twice writes nothing twice. Autopay has no failure
// event of its own: a reversed autopay payment is the "autopay failed" notification, and an NSF
// reversal says so (an NSF fee, once charged, comes as a ChargePosted on main later).
import 'server-only';
import type { Tx } from '../../db/client';
import type { StoredEvent } from '../../eventstore';
import { findEventByData } from '../../eventstore/queries';
import type { ProjectionIo } from '../../projections/types';
import { type NotificationMessage, notify, type Recipient } from '../deliver';
import { leaseContext, maintenanceRequest, propertyTenants } from '../recipients';
import { dollars, idOfStream, longDate, methodName } from '../wording';
import type { Subscriber } from './types';

type Data = Record<string, unknown>;
const str = (data: Data, key: string): string => String(data[key] ?? '');
const num = (data: Data, key: string): number => Number(data[key] ?? 0);

const EVENT_TYPES = [
  'PaymentReceived',
  'PaymentReversed',
  'LateFeeAssessed',
  'MaintenanceRequested',
  'MaintenanceScheduled',
  'MaintenanceCompleted',
  'NoticePosted',
] as const;

async function send(tx: Tx, event: StoredEvent, to: Recipient | null, message: NotificationMessage) {
  if (to) await notify(tx, `event:${event.eventId}`, to, message, event.eventId);
}

async function onLeaseEvent(tx: Tx, io: ProjectionIo, event: StoredEvent, data: Data): Promise<void> {
  const leaseId = idOfStream(event.streamId, 'lease');
  const lease = leaseId ? await leaseContext(tx, leaseId) : null;
  if (!lease) return;
  const leaseLink = `/tenant/leases/${lease.leaseId}`;
  switch (event.eventType) {
    case 'PaymentReceived': {
      const amount = dollars(num(data, 'amountCents'));
      const autopay = typeof data.autopayPeriod === 'string' ? data.autopayPeriod : null;
      const reference = data.reference ? ` Reference: ${str(data, 'reference')}.` : '';
      await send(
        tx,
        event,
        lease.tenant,
        autopay
          ? {
              kind: 'autopay_taken',
              title: `Autopay payment taken: ${amount}`,
              body: `Autopay paid ${amount} by ${methodName(str(data, 'method'))} for the ${longDate(autopay)} rent of ${lease.place}, on ${longDate(str(data, 'paymentDate'))}.`,
              link: `/tenant/payments/${str(data, 'paymentId')}`,
              email: 'always',
            }
          : {
              kind: 'payment_receipt',
              title: `Payment received: ${amount}`,
              body: `We received your payment of ${amount} by ${methodName(str(data, 'method'))} on ${longDate(str(data, 'paymentDate'))} for ${lease.place}.${reference}\n\nThank you. This email is your receipt.`,
              link: `/tenant/payments/${str(data, 'paymentId')}`,
              email: 'always',
            },
      );
      return;
    }
    case 'PaymentReversed': {
      const amount = dollars(num(data, 'amountCents'));
      const reason = str(data, 'reason');
      const wasAutopay = await reversedAutopay(tx, io, event, str(data, 'paymentId'));
      const why =
        reason === 'NSF'
          ? 'the bank returned it for insufficient funds (NSF)'
          : reason === 'chargeback'
            ? 'it was charged back'
            : 'it was recorded in error';
      await send(tx, event, lease.tenant, {
        kind: wasAutopay ? 'autopay_failed' : 'payment_reversed',
        title: wasAutopay
          ? `Autopay payment failed: ${amount}`
          : reason === 'NSF'
            ? `Payment returned (NSF): ${amount}`
            : `Payment reversed: ${amount}`,
        body: `Your ${wasAutopay ? 'autopay ' : ''}payment of ${amount} for ${lease.place} was reversed because ${why}. The amount is owed again${reason === 'NSF' ? ', and your lease may add a returned-payment fee' : ''}.\n\nPlease pay the open balance to stay current.`,
        link: leaseLink,
        email: 'always',
      });
      return;
    }
    case 'LateFeeAssessed': {
      const amount = dollars(num(data, 'amountCents'));
      await send(tx, event, lease.tenant, {
        kind: 'late_fee',
        title: `Late fee charged: ${amount}`,
        body: `The ${longDate(str(data, 'period'))} rent for ${lease.place} was not paid within the grace period, so a late fee of ${amount} was added, due ${longDate(str(data, 'dueDate'))}.`,
        link: leaseLink,
        email: 'always',
      });
      return;
    }
  }
}

/** Whether the reversed payment was one autopay took (its PaymentReceived carries the period). */
async function reversedAutopay(
  tx: Tx,
  io: ProjectionIo,
  event: StoredEvent,
  paymentId: string,
): Promise<boolean> {
  const ref = await findEventByData(tx, {
    streamId: event.streamId,
    eventType: 'PaymentReceived',
    field: 'paymentId',
    value: paymentId,
  });
  if (!ref) return false;
  const [payment] = await io.readStream(event.streamId, { fromVersion: ref.version, toVersion: ref.version });
  return typeof (payment?.data as Data | undefined)?.autopayPeriod === 'string';
}

async function onMaintenanceEvent(tx: Tx, event: StoredEvent, data: Data): Promise<void> {
  const requestId = idOfStream(event.streamId, 'maintenance');
  if (!requestId) return;
  const request =
    event.eventType === 'MaintenanceRequested'
      ? {
          leaseId: str(data, 'leaseId'),
          category: str(data, 'category'),
          description: str(data, 'description'),
        }
      : await maintenanceRequest(tx, requestId);
  const lease = request ? await leaseContext(tx, request.leaseId) : null;
  if (!request || !lease) return;
  const what = `${request.category} request (“${request.description.slice(0, 80)}”)`;
  switch (event.eventType) {
    case 'MaintenanceRequested':
      await send(tx, event, lease.manager, {
        kind: 'maintenance_requested',
        title: `New maintenance request: ${request.category}`,
        body: `${lease.tenant?.name ?? 'A tenant'} asked for maintenance at ${lease.place}, priority ${str(data, 'priority')}:\n\n${request.description}`,
        link: '/manager/maintenance',
        email: 'always',
      });
      return;
    case 'MaintenanceScheduled':
      await send(tx, event, lease.tenant, {
        kind: 'maintenance_scheduled',
        title: `Maintenance scheduled for ${longDate(str(data, 'scheduledFor'))}`,
        body: `Your ${what} for ${lease.place} is scheduled for ${longDate(str(data, 'scheduledFor'))}.`,
        link: '/tenant/maintenance',
        email: 'always',
      });
      return;
    case 'MaintenanceCompleted':
      await send(tx, event, lease.tenant, {
        kind: 'maintenance_completed',
        title: 'Maintenance completed',
        body: `Your ${what} for ${lease.place} was completed on ${longDate(str(data, 'completedOn'))}: ${str(data, 'resolution')}\n\nYou can rate the work on the maintenance page.`,
        link: '/tenant/maintenance',
        email: 'always',
      });
      return;
  }
}

async function onNoticePosted(tx: Tx, event: StoredEvent, data: Data): Promise<void> {
  const propertyId = idOfStream(event.streamId, 'property');
  if (!propertyId) return;
  const { propertyName, tenants } = await propertyTenants(tx, propertyId, str(data, 'postedOn'));
  const until = data.expiresOn ? `\n\n(Posted until ${longDate(str(data, 'expiresOn'))}.)` : '';
  for (const tenant of tenants) {
    await send(tx, event, tenant, {
      kind: 'notice_posted',
      title: `Notice from ${propertyName}: ${str(data, 'title')}`,
      body: `${str(data, 'body')}${until}`,
      link: '/tenant',
      email: 'always',
    });
  }
}

export const notificationsSubscriber: Subscriber = {
  name: 'notifications',
  startAt: 'end',
  afterProjections: true,
  async handleBatch(tx, events, io) {
    for (const event of events) {
      if (!(EVENT_TYPES as readonly string[]).includes(event.eventType)) continue;
      const data = (event.data ?? {}) as Data;
      if (event.streamType === 'lease') await onLeaseEvent(tx, io, event, data);
      else if (event.streamType === 'maintenance') await onMaintenanceEvent(tx, event, data);
      else if (event.eventType === 'NoticePosted') await onNoticePosted(tx, event, data);
    }
  },
};
