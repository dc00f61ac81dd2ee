// Issue 13 #4: `next` after sign-in never leaves the origin, whatever the browser's URL parser does.
import { describe, expect, it } from 'vitest';
import { sameOriginPath } from '@/server/http/safe-next';

const HOME = '/tenant';

describe('sameOriginPath', () => {
  it.each([
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\r/evil.example'],
    ['/ /evil.example'.replace(' ', '\u0000')],
    ['//evil.example'],
    ['///evil.example'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/\\/evil.example'],
    ['https://evil.example'],
    ['http:/evil.example'],
    ['javascript:alert(1)'],
    ['evil.example'],
    ['\t//evil.example'],
    [' /x'],
    ['/%0a/x'.replace('%0a', '\u007f')],
    ['/signin'],
    ['/signin?next=/x'],
    ['/SIGNIN'],
    [''],
    [`/${'a'.repeat(2001)}`],
  ])('refuses %j', (next) => {
    expect(sameOriginPath(next, HOME)).toBe(HOME);
  });

  it.each([
    ['/tenant/leases/1', '/tenant/leases/1'],
    ['/manager?tab=open#top', '/manager?tab=open#top'],
    ['/a/../audit', '/audit'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/signing-out', '/signing-out'],
  ])('keeps %j as %j', (next, expected) => {
    expect(sameOriginPath(next, HOME)).toBe(expected);
  });

  it('refuses null and undefined', () => {
    expect(sameOriginPath(null, HOME)).toBe(HOME);
    expect(sameOriginPath(undefined, HOME)).toBe(HOME);
  });
});
