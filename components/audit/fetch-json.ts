// GET a JSON API route with the session cookie; an error response becomes a thrown Error with the
// API's message (react-query shows it).
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    credentials: 'same-origin',
    signal,
    headers: { accept: 'application/json' },
  });
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!response.ok) throw new Error(body?.error?.message ?? `Request failed (${response.status}).`);
  return body as T;
}
