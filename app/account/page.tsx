// /account: change the password, sign out everywhere, and the API tokens (list, revoke).
import type { Metadata } from 'next';
import { buttonClass } from '@/components/ui/button';
import { listApiTokens } from '@/server/auth/sessions';
import { requireRole } from '@/server/http/page-auth';
import { getRuntime } from '@/server/runtime';
import { revokeTokenAction, signOutEverywhereAction } from './actions';
import { PasswordForm } from './password-form';

export const metadata: Metadata = { title: 'Your account' };

// Used as <form action>: their results are a redirect or a revalidation, never read.
const signOutEverywhereForm = signOutEverywhereAction as unknown as (form: FormData) => Promise<void>;
const revokeTokenForm = revokeTokenAction as unknown as (form: FormData) => Promise<void>;

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'never');

export default async function AccountPage() {
  const actor = await requireRole(['tenant', 'manager', 'auditor', 'admin'], '/account');
  const tokens = await listApiTokens((await getRuntime()).database.db, actor.userId);
  return (
    <div className="mx-auto max-w-2xl space-y-10">
      <h1 className="text-2xl font-bold">Your account</h1>

      <section aria-labelledby="password-heading" className="space-y-4">
        <h2 id="password-heading" className="text-xl font-semibold">
          Password
        </h2>
        <div className="rounded-lg border border-line bg-surface p-5 shadow-sm">
          <PasswordForm />
        </div>
      </section>

      <section aria-labelledby="sessions-heading" className="space-y-3">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          Sessions
        </h2>
        <p className="text-sm text-muted">
          A session ends after 30 minutes without activity, and after 30 days in any case. Signing out
          everywhere ends every session, this one too; API tokens keep working until you revoke them.
        </p>
        <form action={signOutEverywhereForm}>
          <button type="submit" className={buttonClass('secondary')}>
            Sign out everywhere
          </button>
        </form>
      </section>

      <section aria-labelledby="tokens-heading" className="space-y-3">
        <h2 id="tokens-heading" className="text-xl font-semibold">
          API tokens
        </h2>
        {tokens.length === 0 ? (
          <p className="text-sm text-muted">
            You have no live API tokens. Create one with POST /api/v1/tokens.
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-line bg-surface">
            <table data-testid="api-tokens" className="w-full text-left text-sm">
              <caption className="sr-only">Your API tokens</caption>
              <thead className="border-b border-line bg-paper text-muted">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Created
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Last used
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Expires
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    <span className="sr-only">Revoke</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {tokens.map((token) => (
                  <tr key={token.tokenId}>
                    <th scope="row" className="px-4 py-2 font-normal">
                      {token.name}
                    </th>
                    <td className="px-4 py-2">{day(token.createdAt)}</td>
                    <td className="px-4 py-2">{day(token.lastUsedAt)}</td>
                    <td className="px-4 py-2">{day(token.expiresAt)}</td>
                    <td className="px-4 py-2 text-right">
                      <form action={revokeTokenForm}>
                        <input type="hidden" name="tokenId" value={token.tokenId} />
                        <button
                          type="submit"
                          className={buttonClass('secondary')}
                          aria-label={`Revoke ${token.name}`}
                        >
                          Revoke
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
