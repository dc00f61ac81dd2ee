'use client';
// The raw-JSON toggle of a timeline event: the stored event (upcast data, metadata, hash) as JSON,
// rendered only when opened so a 200-event page stays light.
import { useState } from 'react';
import type { TimelineEvent } from '@/server/queries/audit-timeline';

export function RawJson({ event }: { event: TimelineEvent }) {
  const [open, setOpen] = useState(false);
  const id = `raw-${event.version}`;
  return (
    <div className="mt-3 text-sm">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        className="font-medium text-accent-strong underline"
      >
        {open ? 'Hide raw JSON' : 'Raw JSON and hash'}
      </button>
      <div id={id}>
        {open ? (
          <pre className="mt-2 rounded bg-paper p-3 font-mono text-xs break-all whitespace-pre-wrap text-ink">
            {JSON.stringify(
              {
                eventId: event.eventId,
                globalPosition: event.globalPosition,
                schemaVersion: event.schemaVersion,
                storedSchemaVersion: event.storedSchemaVersion,
                data: event.data,
                metadata: event.metadata,
                hash: event.hash,
              },
              null,
              2,
            )}
          </pre>
        ) : null}
      </div>
    </div>
  );
}
