'use client';
// Post a notice to a property's tenants (they see it on their dashboard until it expires).
import { postNoticeAction } from '@/app/manager/actions/properties';
import { Field, Input, Textarea } from '@/components/ui/field';
import { ConfirmAction, type FieldErrors, text } from './confirm-action';
import { useFormat } from './use-format';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function NoticeForm({
  propertyId,
  propertyName,
  today,
}: {
  propertyId: string;
  propertyName: string;
  today: string;
}) {
  const f = useFormat();
  return (
    <ConfirmAction<{ title: string; body: string; expiresOn?: string }>
      testId="post-notice"
      title="Post a notice to this property’s tenants"
      submitLabel="Post notice…"
      confirmLabel="Post notice"
      fields={(errors: FieldErrors) => (
        <div className="grid gap-3">
          <Field id="notice-title" name="title" label="Title" error={errors.title}>
            {(control) => <Input {...control} maxLength={200} />}
          </Field>
          <Field id="notice-body" name="body" label="Message" error={errors.body}>
            {(control) => <Textarea {...control} rows={3} maxLength={5000} />}
          </Field>
          <Field id="notice-expires" name="expiresOn" label="Show until (optional)" error={errors.expiresOn}>
            {(control) => <Input {...control} type="date" min={today} />}
          </Field>
        </div>
      )}
      validate={(form) => {
        const errors: FieldErrors = {};
        const title = text(form, 'title');
        const body = text(form, 'body');
        const expiresOn = text(form, 'expiresOn');
        if (!title) errors.title = 'Enter a title.';
        if (!body) errors.body = 'Enter the message.';
        if (expiresOn && !ISO.test(expiresOn)) errors.expiresOn = 'Enter a date, or leave it empty.';
        else if (expiresOn && expiresOn < today) errors.expiresOn = 'The notice cannot expire in the past.';
        return Object.keys(errors).length > 0
          ? { errors }
          : { values: { title, body, ...(expiresOn ? { expiresOn } : {}) } };
      }}
      confirmText={(v) =>
        `Post “${v.title}” to every tenant of ${propertyName}${v.expiresOn ? ` until ${f.date(v.expiresOn)}` : ''}?`
      }
      run={(v, idempotencyKey) => postNoticeAction({ propertyId, ...v, idempotencyKey })}
      done={(v) => `Notice “${v.title}” posted.`}
    />
  );
}
