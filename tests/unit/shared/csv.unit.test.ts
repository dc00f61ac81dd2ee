// Issue 13 #10: the one CSV writer neutralises formulas and quotes like RFC 4180.
import { describe, expect, it } from 'vitest';
import { toCsv } from '@/server/csv';

describe('toCsv', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['two\nlines', '"two\nlines"'],
  ])('writes the text cell %j as %j', (value, expected) => {
    expect(toCsv([[value]])).toBe(`${expected}\r\n`);
  });

  it('keeps numbers (negative ones too) as numbers and empties null', () => {
    expect(toCsv([[-1250, 0, null, undefined, 'x']])).toBe('-1250,0,,,x\r\n');
  });
});
