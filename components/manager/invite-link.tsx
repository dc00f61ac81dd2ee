'use client';
// An invite link shown once (only its hash is stored), with a button that copies it.
import { useState } from 'react';
import { Button } from '@/components/ui/button';

export function InviteLink({ link, id = 'invite-link' }: { link: string; id?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Invite link
      </label>
      <input
        id={id}
        readOnly
        value={link}
        data-testid="invite-link"
        className="min-h-11 min-w-0 flex-1 rounded-md border border-line bg-surface px-3 font-mono text-sm text-ink"
        onFocus={(e) => e.currentTarget.select()}
      />
      <Button
        variant="secondary"
        onClick={async () => {
          await navigator.clipboard?.writeText(link).catch(() => {});
          setCopied(true);
        }}
      >
        {copied ? 'Copied' : 'Copy link'}
      </Button>
      <span role="status" className="sr-only">
        {copied ? 'Invite link copied' : ''}
      </span>
    </div>
  );
}
