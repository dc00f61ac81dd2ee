// /forgot-password: ask for a password reset link by email.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ForgotForm } from './forgot-form';

export const metadata: Metadata = { title: 'Forgot password' };

export default function ForgotPasswordPage() {
  return (
    <section aria-labelledby="forgot-heading" className="mx-auto max-w-sm space-y-6">
      <div className="space-y-1">
        <h1 id="forgot-heading" className="text-2xl font-bold">
          Forgot your password?
        </h1>
        <p className="text-muted">We email you a link to choose a new one.</p>
      </div>
      <div className="rounded-lg border border-line bg-surface p-5 shadow-sm">
        <ForgotForm />
      </div>
      <p className="text-sm">
        <Link href="/signin" className="text-accent-strong underline-offset-2 hover:underline">
          Back to sign in
        </Link>
      </p>
    </section>
  );
}
