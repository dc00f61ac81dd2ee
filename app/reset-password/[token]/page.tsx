// /reset-password/[token]: choose a new password with the emailed link. The token is checked on
// submit (one use, 1 hour); the page reveals nothing about it and sends no referrer.
import type { Metadata } from 'next';
import { ResetForm } from './reset-form';

export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer' };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <section aria-labelledby="reset-heading" className="mx-auto max-w-sm space-y-6">
      <div className="space-y-1">
        <h1 id="reset-heading" className="text-2xl font-bold">
          Choose a new password
        </h1>
        <p className="text-muted">Saving it signs you out everywhere; then sign in with the new one.</p>
      </div>
      <div className="rounded-lg border border-line bg-surface p-5 shadow-sm">
        <ResetForm token={token} />
      </div>
    </section>
  );
}
