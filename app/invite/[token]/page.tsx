// /invite/[token]: where an invited tenant sets their password. The token is checked on submit
// (one use, 7 days); the page itself reveals nothing about it.
import type { Metadata } from 'next';
import { InviteForm } from './invite-form';

export const metadata: Metadata = { title: 'Set your password', referrer: 'no-referrer' };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <section aria-labelledby="invite-heading" className="mx-auto max-w-sm space-y-6">
      <div className="space-y-1">
        <h1 id="invite-heading" className="text-2xl font-bold">
          Welcome to Leasebook
        </h1>
        <p className="text-muted">Choose a password to finish setting up your tenant account.</p>
      </div>
      <div className="rounded-lg border border-line bg-surface p-5 shadow-sm">
        <InviteForm token={token} />
      </div>
    </section>
  );
}
