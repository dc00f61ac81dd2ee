'use client';
// The admin console's calls to /api/v1/admin/... (and POST /billing/run): JSON in, JSON out, the
// API's error shape as a thrown AdminApiError.
class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

export async function adminFetch<T>(
  path: string,
  init?: { method?: 'GET' | 'POST'; body?: unknown },
): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method: init?.method ?? 'GET',
    headers: init?.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
  });
  const body = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!response.ok) {
    throw new AdminApiError(
      response.status,
      body.error?.code ?? 'error',
      body.error?.message ?? `The server answered ${response.status}.`,
    );
  }
  return body as T;
}

export const errorText = (error: unknown): string | null =>
  error ? (error instanceof Error ? error.message : 'Something went wrong.') : null;
