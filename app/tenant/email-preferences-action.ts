'use server';
// The tenant's email choice from the dashboard: rent reminder emails on or off (receipts and
// security emails are always sent).
import { z } from 'zod';
import { action } from '@/server/http/action';
import { setEmailPreferences } from '@/server/notifications/inbox';

export const setEmailPreferencesAction = action(
  { name: 'setEmailPreferences', auth: ['tenant'], input: z.strictObject({ reminderEmails: z.boolean() }) },
  async ({ actor, input, runtime, revalidate }) => {
    const saved = await setEmailPreferences(runtime, actor, input);
    revalidate('/tenant');
    return saved;
  },
);
