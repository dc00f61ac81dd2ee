// GET / POST /api/v1/me/email-preferences: rent reminder emails on or off.
import { notifications } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { getEmailPreferences, setEmailPreferences } from '@/server/notifications/inbox';

export const GET = route(notifications.getEmailPreferences, async ({ actor, runtime }) =>
  json(200, await getEmailPreferences(runtime, actor)),
);

export const POST = route(notifications.setEmailPreferences, async ({ actor, body, runtime }) =>
  json(200, await setEmailPreferences(runtime, actor, body)),
);
