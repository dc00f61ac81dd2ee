// Where to go after signing in: a `next` value is honoured only when it is a path on this origin.
// It is resolved with the URL parser against a dummy origin (the way the browser will resolve it),
// so `//evil.example`, `/\evil.example`, `/<TAB>/evil.example` and friends cannot leave the site.
const DUMMY_ORIGIN = 'http://leasebook.invalid';
// Control characters (the URL parser drops TAB, CR and LF), backslashes (read as slashes).
const isHostile = (value: string): boolean =>
  [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === '\\');

/** `next` as a same-origin path (`/x?y#z`), or `fallback` for anything else. */
export function sameOriginPath(next: string | null | undefined, fallback: string): string {
  if (!next || next.length > 2000 || isHostile(next)) return fallback;
  if (!next.startsWith('/') || next.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(next, DUMMY_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== DUMMY_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Back to the sign-in page would loop.
  if (/^\/signin(?:[/?#]|$)/i.test(path)) return fallback;
  return path;
}
