// A small HTTP client for black-box tests against a running server: node:http (no fetch pool
// limits), one fresh connection per request in a burst, so "concurrent" really means in flight.
import http from 'node:http';

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are whatever the server sent; tests check their shape.
  body: any;
  /** From writing the request to the last byte of the response. */
  ms: number;
  /** The client side of the TCP connection: distinct ports = distinct connections. */
  localPort: number;
  headers: http.IncomingHttpHeaders;
}

export interface RequestOptions {
  cookie?: string;
  headers?: Record<string, string>;
  body?: unknown;
  agent?: http.Agent;
}

/** Longer than any answer should take; a hung request fails the test rather than the run. */
const REQUEST_TIMEOUT_MS = 60_000;

export function request(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Reply & { setCookie: string[] }> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (options.cookie) headers.cookie = options.cookie;
  return new Promise((resolve, reject) => {
    let localPort = 0;
    const started = performance.now();
    const req = http.request(new URL(path, baseUrl), { method, headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          // Not JSON (an HTML error page, say): keep the text so a failing assertion shows it.
        }
        const setCookie = res.headers['set-cookie'] ?? [];
        resolve({
          status: res.statusCode ?? 0,
          body,
          ms: performance.now() - started,
          localPort,
          setCookie,
          headers: res.headers,
        });
      });
    });
    req.on('socket', (socket) => {
      // A kept-alive socket is already connected; only a new one still has to say where it is.
      if (!socket.connecting) localPort = socket.localPort ?? 0;
      else socket.once('connect', () => (localPort = socket.localPort ?? 0));
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () =>
      req.destroy(new Error(`${method} ${path}: no answer in ${REQUEST_TIMEOUT_MS} ms`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Signs in through POST /api/v1/session and returns the session cookie to send back. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const reply = await request(baseUrl, 'POST', '/api/v1/session', { body: { email, password } });
  if (reply.status !== 200) {
    throw new Error(`sign-in as ${email}: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  const cookie = reply.setCookie.map((c) => c.split(';')[0]).find((c) => c?.includes('='));
  if (!cookie) throw new Error(`sign-in as ${email}: no session cookie in the answer`);
  return cookie;
}

export interface Burst {
  replies: Reply[];
  /** Distinct TCP connections the burst used (equal to the request count when all were in flight). */
  connections: number;
  wallMs: number;
}

/**
 * Fires every request in the same tick and waits for all. Its own agent, without keep-alive and
 * without a socket limit, gives each request its own connection, so the server sees them together.
 */
export async function burst(count: number, send: (i: number, agent: http.Agent) => Promise<Reply>) {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const started = performance.now();
  try {
    const replies = await Promise.all(Array.from({ length: count }, (_, i) => send(i, agent)));
    const wallMs = performance.now() - started;
    return { replies, connections: new Set(replies.map((r) => r.localPort)).size, wallMs } satisfies Burst;
  } finally {
    agent.destroy();
  }
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

/** `{201: 23, 500: 2}`: what a burst answered, for assertions and the report. */
export function statusCounts(replies: Reply[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const reply of replies) counts[reply.status] = (counts[reply.status] ?? 0) + 1;
  return counts;
}
