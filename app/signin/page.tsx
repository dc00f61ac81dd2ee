// /signin: email and password. A signed-in visitor goes straight to their home (or `next`).
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentActor, safeNext } from '@/server/http/page-auth';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; reset?: string }>;
}) {
  const { next, reset } = await searchParams;
  const nextPath = typeof next === 'string' ? next : undefined;
  const actor = await currentActor();
  if (actor) redirect(safeNext(nextPath, actor.role));
  return (
    <section aria-labelledby="signin-heading" className="mx-auto max-w-sm space-y-6">
      <div className="space-y-1">
        <h1 id="signin-heading" className="text-2xl font-bold">
          Sign in
        </h1>
        <p className="text-muted">Tenants, managers and auditors sign in here.</p>
      </div>
      {reset === 'done' ? (
        <p role="status" className="rounded-md border-l-4 border-ok bg-ok-soft px-4 py-3 text-sm text-ok">
          Your password is changed. Sign in with the new one.
        </p>
      ) : null}
      <div className="rounded-lg border border-line bg-surface p-5 shadow-sm">
        <SignInForm next={nextPath} />
      </div>
      <p className="text-sm">
        <Link href="/forgot-password" className="text-accent-strong underline-offset-2 hover:underline">
          Forgot password?
        </Link>
      </p>
    </section>
  );
}
