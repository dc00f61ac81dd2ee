// The server actions of the production build and a browser-like call of one, shared by the action
// fuzzing and the action authorisation matrix. The list comes from the build's
// server-reference-manifest.json, so a new action reaches both suites without being named here.
import fs from 'node:fs';
import path from 'node:path';
import { DIST_DIR, ROOT } from './harness';

export interface ServerAction {
  id: string;
  /** The source file, e.g. `app/tenant/actions.ts`. */
  file: string;
  /** The exported name, e.g. `payRent`. */
  name: string;
}

export function serverActions(): ServerAction[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(ROOT, DIST_DIR, 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { filename: string; exportedName: string }> };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    file: entry.filename,
    name: entry.exportedName,
  }));
}

export interface ActionReply {
  status: number;
  text: string;
  /** Where the action redirected to (`x-action-redirect`); the reply is then that page's payload. */
  redirect: string | null;
}

/** POSTs `body` (the arguments as a JSON array, React's encoding for plain values) as a browser does. */
export async function callAction(
  baseUrl: string,
  action: ServerAction,
  body: string,
  cookie = '',
): Promise<ActionReply> {
  const response = await fetch(`${baseUrl}/`, {
    method: 'POST',
    headers: {
      cookie,
      'next-action': action.id,
      'content-type': 'text/plain;charset=UTF-8',
      accept: 'text/x-component',
    },
    body,
    redirect: 'manual',
  });
  return {
    status: response.status,
    text: await response.text(),
    redirect: response.headers.get('x-action-redirect'),
  };
}

/** A 5xx, or a thrown server error in the reply: a numeric digest (Next's own signals carry words). */
export const isServerError = (reply: ActionReply): boolean =>
  reply.status >= 500 || /E\{"digest":"\d+"\}/.test(reply.text);
