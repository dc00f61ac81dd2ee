'use client';
// Schedule, complete or cancel (with a reason) one maintenance request, each with a confirmation;
// the queue refreshes in place.
import {
  cancelMaintenanceAction,
  completeMaintenanceAction,
  scheduleMaintenanceAction,
} from '@/app/manager/actions/maintenance';
import { Field, Input, Textarea } from '@/components/ui/field';
import { ConfirmAction, type FieldErrors, text } from './confirm-action';
import { useFormat } from './use-format';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function MaintenanceActions({
  requestId,
  status,
  label,
  today,
}: {
  requestId: string;
  status: string;
  label: string;
  today: string;
}) {
  const f = useFormat();
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {status === 'requested' || status === 'scheduled' ? (
        <ConfirmAction<{ scheduledFor: string }>
          testId={`schedule-${requestId}`}
          title={status === 'scheduled' ? 'Reschedule' : 'Schedule'}
          submitLabel={status === 'scheduled' ? 'Reschedule…' : 'Schedule…'}
          confirmLabel="Schedule"
          fields={(errors: FieldErrors) => (
            <Field
              id={`when-${requestId}`}
              name="scheduledFor"
              label="Visit date"
              error={errors.scheduledFor}
            >
              {(control) => <Input {...control} type="date" defaultValue={today} min={today} />}
            </Field>
          )}
          validate={(form) => {
            const scheduledFor = text(form, 'scheduledFor');
            if (!ISO.test(scheduledFor)) return { errors: { scheduledFor: 'Enter the visit date.' } };
            return { values: { scheduledFor } };
          }}
          confirmText={(v) => `Schedule “${label}” for ${f.date(v.scheduledFor)}?`}
          run={(v, idempotencyKey) => scheduleMaintenanceAction({ requestId, ...v, idempotencyKey })}
          done={(v) => `Scheduled for ${f.date(v.scheduledFor)}.`}
        />
      ) : null}
      {status === 'scheduled' ? (
        <ConfirmAction<{ resolution: string }>
          testId={`complete-${requestId}`}
          title="Complete"
          submitLabel="Complete…"
          confirmLabel="Mark completed"
          fields={(errors) => (
            <Field
              id={`resolution-${requestId}`}
              name="resolution"
              label="What was done"
              error={errors.resolution}
            >
              {(control) => <Textarea {...control} rows={2} maxLength={5000} />}
            </Field>
          )}
          validate={(form) => {
            const resolution = text(form, 'resolution');
            if (!resolution) return { errors: { resolution: 'Say what was done.' } };
            return { values: { resolution } };
          }}
          confirmText={() => `Mark “${label}” as completed? The tenant can then rate it.`}
          run={(v, idempotencyKey) => completeMaintenanceAction({ requestId, ...v, idempotencyKey })}
          done={() => 'Marked completed.'}
        />
      ) : null}
      {status === 'requested' || status === 'scheduled' ? (
        <ConfirmAction<{ reason: string }>
          testId={`cancel-${requestId}`}
          title="Cancel the request"
          variant="danger"
          submitLabel="Cancel request…"
          confirmLabel="Cancel request"
          backLabel="Keep the request"
          fields={(errors) => (
            <Field
              id={`cancel-reason-${requestId}`}
              name="reason"
              label="Reason"
              hint="The tenant sees the request as cancelled."
              error={errors.reason}
            >
              {(control) => <Textarea {...control} rows={2} maxLength={2000} />}
            </Field>
          )}
          validate={(form) => {
            const reason = text(form, 'reason');
            if (!reason) return { errors: { reason: 'Give a reason for cancelling the request.' } };
            return { values: { reason } };
          }}
          confirmText={(v) => `Cancel “${label}” because: ${v.reason}? This cannot be undone.`}
          run={(v, idempotencyKey) => cancelMaintenanceAction({ requestId, ...v, idempotencyKey })}
          done={() => 'Request cancelled.'}
        />
      ) : null}
    </div>
  );
}
