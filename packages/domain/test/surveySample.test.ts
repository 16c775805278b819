/** The post-audit sample (issue #15, item 6): the same seed gives the same sample whatever the order of
 * the rows; each unit gets max(⌈share × count⌉, min(minimum, count)); another seed gives another sample;
 * the generator's SHA-256 is the standard one. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawSample, sampleCount, sha256Pure } from '../src/index.ts';

const candidatesArb = fc
  .uniqueArray(fc.record({ id: fc.nat(100_000), unitId: fc.constantFrom('a', 'b', 'c', 'd') }), {
    selector: (c) => c.id,
    maxLength: 300,
  })
  .map((xs) => xs);

describe('sha256Pure', () => {
  it('equals node:crypto on empty, short and multi-block inputs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const want = createHash('sha256').update(bytes).digest('hex');
        expect(Buffer.from(sha256Pure(bytes)).toString('hex')).toBe(want);
      }),
    );
    expect(Buffer.from(sha256Pure(new Uint8Array())).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});

describe('sampleCount', () => {
  it('is max(⌈share × count⌉, min(minimum, count))', () => {
    expect(sampleCount(100, 10, 5)).toBe(10);
    expect(sampleCount(101, 10, 5)).toBe(11);
    expect(sampleCount(20, 10, 5)).toBe(5);
    expect(sampleCount(3, 10, 5)).toBe(3);
    expect(sampleCount(0, 10, 5)).toBe(0);
    expect(sampleCount(1000, 12.5, 5)).toBe(125);
    expect(sampleCount(7, 100, 0)).toBe(7);
  });
});

describe('drawSample', () => {
  it('same seed, same sample, whatever the order of the rows; sizes per unit as the rule says', () => {
    fc.assert(
      fc.property(
        candidatesArb,
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 10000 }).map((x) => x / 100),
        fc.nat(20),
        fc.nat(),
        (cands, seed, share, min, rot) => {
          const a = drawSample(cands, seed, share, min);
          const shuffled = [
            ...cands.slice(rot % (cands.length || 1)),
            ...cands.slice(0, rot % (cands.length || 1)),
          ].reverse();
          const b = drawSample(shuffled, seed, share, min);
          expect(b.map((x) => x.id)).toEqual(a.map((x) => x.id));
          // sorted, unique, drawn from the candidates
          const ids = a.map((x) => x.id);
          expect([...ids].sort((x, y) => x - y)).toEqual(ids);
          expect(new Set(ids).size).toBe(ids.length);
          for (const u of ['a', 'b', 'c', 'd']) {
            const n = cands.filter((c) => c.unitId === u).length;
            expect(a.filter((c) => c.unitId === u).length).toBe(sampleCount(n, share, min));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('another seed gives another sample (and the draw is not just the first ids)', () => {
    const cands = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, unitId: i % 2 ? 'x' : 'y' }));
    const a = drawSample(cands, 'seed-1', 10, 5).map((c) => c.id);
    const b = drawSample(cands, 'seed-2', 10, 5).map((c) => c.id);
    expect(a).toHaveLength(100);
    expect(a).not.toEqual(b);
    expect(a).toEqual(drawSample(cands, 'seed-1', 10, 5).map((c) => c.id));
    expect(a.filter((id) => id <= 100).length).toBeLessThan(50);
  });

  it('refuses duplicate ids', () => {
    expect(() =>
      drawSample(
        [
          { id: 1, unitId: 'a' },
          { id: 1, unitId: 'b' },
        ],
        's',
        10,
        1,
      ),
    ).toThrow(RangeError);
  });
});
