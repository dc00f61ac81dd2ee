// Next.js proxy (the file convention formerly called middleware): a fresh CSP nonce per page
// request. Next.js reads the nonce from the request's Content-Security-Policy header and puts it on
// every script it renders, so no inline script runs without it ('strict-dynamic' lets those scripts
// load the app's chunks). API routes, static files and prefetches are skipped: they render no HTML.
// A server action call with a body Next's decoder cannot read is refused with a 400 here.
// The static security headers (nosniff, Referrer-Policy, Permissions-Policy, ...) are in
// next.config.js for every path. docs/security.md "Security headers".
import { type NextRequest, NextResponse } from 'next/server';

/** The `$` forms React's reply encoding gives plain arguments (an escaped `$$…`, undefined, dates, bigints, non-finite numbers). */
const PLAIN_DOLLAR = /^\$(\$|undefined$|D\d|n-?\d+$|Infinity$|-Infinity$|NaN$|-0$)/;
const MAX_DEPTH = 32;

/** Whether `value` is what a browser's call of an action with plain arguments sends. */
function plainArguments(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (typeof value === 'string') return !value.startsWith('$') || PLAIN_DOLLAR.test(value);
  if (Array.isArray(value)) return value.every((item) => plainArguments(item, depth + 1));
  if (value !== null && typeof value === 'object')
    return Object.values(value).every((item) => plainArguments(item, depth + 1));
  return true;
}

/**
 * A server action call (`Next-Action`, a text/plain body: plain arguments; forms send multipart)
 * whose body is not a JSON array of plain values — not JSON, a reference to a part such a body
 * cannot have (`$@1`, `$F2`, `$K3`, …), or nesting past 32 levels — makes Next's decoder throw a
 * server error (found by tests/reliability/actions.http.test.ts): answer 400 before that.
 */
async function malformedActionCall(request: NextRequest): Promise<boolean> {
  if (request.method !== 'POST' || !request.headers.has('next-action')) return false;
  if (!(request.headers.get('content-type') ?? '').startsWith('text/plain')) return false;
  try {
    const args: unknown = JSON.parse(await request.clone().text());
    return !Array.isArray(args) || !plainArguments(args);
  } catch {
    return true;
  }
}

export async function proxy(request: NextRequest) {
  if (await malformedActionCall(request)) {
    return NextResponse.json(
      { error: { code: 'invalid_input', message: 'A server action takes a JSON array of plain arguments.' } },
      { status: 400 },
    );
  }
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV === 'development';
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Inline style attributes (charts, progress bars) need 'unsafe-inline'; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  if (https) response.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
