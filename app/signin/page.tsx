// /signin: email and password. A signed-in visitor goes straight to their home (or `next`).
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentActor, safeNext } from '@/server/http/page-auth';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
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
      <div className="rounded-lg border border-line bg-surface p-5 shadow-sm">
        <SignInForm next={nextPath} />
      </div>
    </section>
  );
}
