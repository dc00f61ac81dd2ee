// Upcoming-rent reminders: a scheduled job (not an event reaction). For every active lease whose
// next rent falls due within RENT_REMINDER_DAYS of the lease's today (its property's local date),
// the tenant gets one reminder per period (unique key `reminder:<leaseId>:<period>`), in the inbox
// and by email unless they turned reminder emails off. A day the app was down is caught up the
// next run: the window covers every day up to the due date.
import 'server-only';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client';
import { billingSchedule, type Lease, leaseToday } from '../domain/lease';
import { addDays, todayUtc } from '../domain/shared/dates';
import type { Runtime } from '../runtime';
import { notify } from './deliver';
import { leaseContext } from './recipients';
import { dollars, longDate } from './wording';

const PAGE = 500;

/** Answers how many reminders were written (0 when they all exist already). */
export async function sendRentReminders(runtime: Runtime, now: Date, daysBefore: number): Promise<number> {
  const db = runtime.database.db;
  // Local dates are within a day of UTC's: the query takes that margin, each lease its own window.
  const utcToday = todayUtc(now);
  const earliest = addDays(utcToday, -1);
  const latest = addDays(utcToday, daysBefore + 1);
  let written = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await rows<{ lease_id: string; state: unknown }>(
      db,
      sql`SELECT lease_id::text AS lease_id, state FROM rm_leases
          WHERE stored_status = 'active' AND end_date >= ${earliest}::date AND start_date <= ${latest}::date
            AND lease_id > ${after}::uuid
          ORDER BY lease_id LIMIT ${PAGE}`,
    );
    for (const row of page) {
      const lease = {
        payments: [],
        ...(typeof row.state === 'string' ? JSON.parse(row.state) : row.state),
      } as Lease;
      const today = leaseToday(lease, now);
      const from = daysBefore === 0 ? today : addDays(today, 1);
      const to = addDays(today, daysBefore);
      const due = billingSchedule(lease).find((charge) => charge.dueDate >= from && charge.dueDate <= to);
      if (!due) continue;
      const charged = lease.charges.some((item) => item.kind === 'rent' && item.period === due.period);
      const owed = charged ? lease.balanceCents : due.amountCents + lease.balanceCents;
      if (owed <= 0) continue;
      await db.transaction(async (tx) => {
        const context = await leaseContext(tx, row.lease_id);
        if (!context?.tenant) return;
        const autopay = lease.autopay.enabled
          ? ' Autopay is on: it pays this on the due date, so there is nothing to do.'
          : '';
        const { notificationId } = await notify(
          tx,
          `reminder:${row.lease_id}:${due.period}`,
          context.tenant,
          {
            kind: 'rent_reminder',
            title: `Rent of ${dollars(owed)} due ${longDate(due.dueDate)}`,
            body: `Your ${longDate(due.period)} rent for ${context.place} is due on ${longDate(due.dueDate)}: ${dollars(owed)} to pay.${autopay}`,
            link: `/tenant/leases/${row.lease_id}`,
            email: 'reminder',
          },
        );
        if (notificationId) written += 1;
      });
    }
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) return written;
    after = last.lease_id;
  }
}
