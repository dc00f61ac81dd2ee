// The notifications context: the inbox, email preferences, password reset, the mail outbox and
// webhooks (API.md "Endpoints" and the webhook signature in "Conventions").
import { z } from 'zod';
import { OUTBOX_STATUSES } from '../../notifications/tables';
import { registerWebhookSchema } from '../../notifications/webhooks/endpoints';
import { contract } from './contract';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

const notificationResponse = z.object({
  notificationId: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const listNotifications = contract({
  method: 'GET',
  path: '/notifications',
  summary: "The signed-in user's notifications, newest first, and the unread count",
  auth: 'signed-in',
  query: z.strictObject({
    unread: flag.optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  }),
  status: 200,
  response: z.object({ notifications: z.array(notificationResponse), unread: z.number().int() }),
  errors: [400, 401],
});

export const markNotificationRead = contract({
  method: 'POST',
  path: '/notifications/{notificationId}/read',
  summary: 'Mark one of your notifications read',
  auth: 'signed-in',
  params: z.object({ notificationId: z.uuid() }),
  status: 200,
  errors: [400, 401, 404],
});

export const markAllNotificationsRead = contract({
  method: 'POST',
  path: '/notifications/read',
  summary: 'Mark all your notifications read',
  auth: 'signed-in',
  status: 200,
  errors: [401],
});

const preferences = z.strictObject({ reminderEmails: z.boolean() });

export const getEmailPreferences = contract({
  method: 'GET',
  path: '/me/email-preferences',
  summary: 'Your email choices (rent reminders; receipts and security emails are always sent)',
  auth: 'signed-in',
  status: 200,
  response: preferences,
  errors: [401],
});

export const setEmailPreferences = contract({
  method: 'POST',
  path: '/me/email-preferences',
  summary: 'Turn rent reminder emails on or off',
  auth: 'signed-in',
  body: preferences,
  status: 200,
  response: preferences,
  errors: [400, 401, 413],
});

export const requestPasswordReset = contract({
  method: 'POST',
  path: '/password-reset',
  summary: 'Email a password reset link (202 whether or not the account exists)',
  auth: 'public',
  body: z.strictObject({ email: z.string().trim().min(3).max(320) }),
  status: 202,
  errors: [400, 401, 413],
});

export const resetPassword = contract({
  method: 'POST',
  path: '/password-reset/{token}',
  summary: 'Set a new password with the emailed token (one use, 1 hour, at least 12 characters)',
  auth: 'public',
  params: z.object({ token: z.string().min(1).max(200) }),
  body: z.strictObject({ password: z.string().min(12).max(1024) }),
  status: 200,
  errors: [400, 401, 404, 413],
});

export const listOutbox = contract({
  method: 'GET',
  path: '/outbox',
  summary: 'The mail outbox: every email with its state (admin)',
  auth: ['admin'],
  query: z.strictObject({
    status: z.enum(OUTBOX_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
  }),
  status: 200,
  response: z.object({
    messages: z.array(
      z.object({
        messageId: z.uuid(),
        to: z.string(),
        subject: z.string(),
        status: z.enum(OUTBOX_STATUSES),
        attempts: z.number().int(),
        lastError: z.string().nullable(),
        createdAt: z.string(),
        sentAt: z.string().nullable(),
      }),
    ),
  }),
  errors: [400, 401, 403],
});

const webhookParams = z.object({ webhookId: z.uuid() });

export const registerWebhook = contract({
  method: 'POST',
  path: '/webhooks',
  summary: 'Register a webhook endpoint (https, or http on loopback); the secret is shown once',
  auth: ['admin'],
  body: registerWebhookSchema,
  status: 201,
  response: z.object({ webhookId: z.uuid(), secret: z.string().startsWith('whsec_') }),
  errors: [400, 401, 403, 413],
});

export const listWebhooks = contract({
  method: 'GET',
  path: '/webhooks',
  summary: 'Registered webhook endpoints with their delivery counts',
  auth: ['admin'],
  status: 200,
  errors: [401, 403],
});

export const deleteWebhook = contract({
  method: 'DELETE',
  path: '/webhooks/{webhookId}',
  summary: 'Delete an endpoint (its delivery log is kept)',
  auth: ['admin'],
  params: webhookParams,
  status: 200,
  errors: [400, 401, 403, 404],
});

export const webhookDeliveries = contract({
  method: 'GET',
  path: '/webhooks/{webhookId}/deliveries',
  summary: 'Every delivery attempt to the endpoint, newest first (attempt 0: not tried yet)',
  auth: ['admin'],
  params: webhookParams,
  status: 200,
  response: z.object({
    deliveries: z.array(
      z.object({
        deliveryId: z.uuid(),
        eventId: z.uuid(),
        eventType: z.string(),
        attempt: z.number().int(),
        status: z.string(),
        responseStatus: z.number().int().nullable(),
        at: z.string(),
      }),
    ),
  }),
  errors: [400, 401, 403, 404],
});

export const testWebhook = contract({
  method: 'POST',
  path: '/webhooks/{webhookId}/test',
  summary: 'Send the endpoint a WebhookTest event',
  auth: ['admin'],
  params: webhookParams,
  status: 202,
  response: z.object({ deliveryId: z.uuid(), eventId: z.uuid() }),
  errors: [400, 401, 403, 404],
});

export const listSubscribers = contract({
  method: 'GET',
  path: '/subscribers',
  summary:
    'Subscribers of the committed log (notifications, webhooks, event bus): position, lag, status, last error',
  auth: ['admin'],
  status: 200,
  response: z.object({
    subscribers: z.array(
      z.object({
        name: z.string(),
        status: z.enum(['ok', 'failing', 'rebuilding']),
        position: z.string(),
        globalPosition: z.number().int(),
        lagEvents: z.number().int(),
        eventsProcessed: z.number().int(),
        lastError: z.string().nullable(),
        updatedAt: z.string(),
      }),
    ),
  }),
  errors: [401, 403],
});
