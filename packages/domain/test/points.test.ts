import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  divRoundHalfUp,
  formatPoints,
  fromDbNumeric,
  indexOf,
  parsePoints,
  sumPoints,
  toDbNumeric,
} from '../src/points.ts';

describe('points', () => {
  it('14 + 12 + 18 + 7,82 + 9,5 + 2,74 + 10,5 is exactly 74,56', () => {
    const sum = sumPoints(['14', '12', '18', '7,82', '9,5', '2,74', '10,5'].map((s) => parsePoints(s)!));
    expect(sum).toBe(7456);
    expect(formatPoints(sum)).toBe('74,56');
  });

  it.each([
    ['7,82', 782],
    ['7.82', 782],
    [' 9,5 ', 950],
    ['14', 1400],
    ['-0,5', -50],
    ['0', 0],
  ])('parses %s', (text, h) => expect(parsePoints(text)).toBe(h));

  it.each(['', 'abc', '7,825', '1.000,5', '7,8,2', '--1'])('refuses %j', (text) =>
    expect(parsePoints(text)).toBeNull(),
  );

  it('prints with a decimal comma', () => {
    expect(formatPoints(782)).toBe('7,82');
    expect(formatPoints(950)).toBe('9,5');
    expect(formatPoints(950, { fixed: true })).toBe('9,50');
    expect(formatPoints(-5)).toBe('-0,05');
    expect(toDbNumeric(7950)).toBe('79.50');
    expect(fromDbNumeric('79.5000')).toBe(7950);
  });

  it('rounds half-up explicitly', () => {
    expect(divRoundHalfUp(5, 2)).toBe(3);
    expect(divRoundHalfUp(-5, 2)).toBe(-3);
    expect(divRoundHalfUp(4, 3)).toBe(1);
    expect(indexOf(7950, 9900)).toBe(8030); // 80,30 %
    expect(indexOf(7456, 9000)).toBe(8284);
  });

  it('property: parse ∘ format is the identity and sums are exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        (h) => parsePoints(formatPoints(h)) === h && fromDbNumeric(toDbNumeric(h)) === h,
      ),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 200 }), (xs) => {
        const text = xs.map((x) => formatPoints(x));
        return sumPoints(text.map((t) => parsePoints(t)!)) === xs.reduce((a, b) => a + b, 0);
      }),
    );
  });
});
