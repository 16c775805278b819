import { describe, expect, it } from 'vitest';
import { appraisalLevels, approvalState } from '../src/cycle.ts';

describe('appraisal levels (one level at a time up the tree)', () => {
  const province = '/bca/st/';
  it('a commune under a district under the province: the district is its only level', () => {
    expect(appraisalLevels(province, '/bca/st/cld/xa1/')).toEqual(['cld']);
  });
  it('a district directly under the province: no level, the province appraises it', () => {
    expect(appraisalLevels(province, '/bca/st/cld/')).toEqual([]);
    expect(appraisalLevels(province, province)).toEqual([]);
  });
  it('deeper trees: nearest level first', () => {
    expect(appraisalLevels('/a/', '/a/b/c/d/')).toEqual(['c', 'b']);
  });
  it('a unit outside the owner subtree has no level', () => {
    expect(appraisalLevels(province, '/bca/cb/hq/')).toEqual([]);
  });
  it('the holder moves up with each approval, then reaches the owner', () => {
    expect(approvalState(['c', 'b'], [], 'a')).toEqual({
      appraisingUnitId: 'c',
      holderUnitId: 'c',
      complete: false,
    });
    expect(approvalState(['c', 'b'], ['c'], 'a')).toMatchObject({ holderUnitId: 'b', complete: false });
    expect(approvalState(['c', 'b'], ['c', 'b'], 'a')).toMatchObject({ holderUnitId: 'a', complete: true });
    expect(approvalState([], [], 'a')).toEqual({ appraisingUnitId: 'a', holderUnitId: 'a', complete: true });
  });
  it('a level closed since the cycle was made is passed over: the next open level acts', () => {
    const closed = new Set(['c']);
    expect(approvalState(['c', 'b'], [], 'a', closed)).toEqual({
      appraisingUnitId: 'b',
      holderUnitId: 'b',
      complete: false,
    });
    expect(approvalState(['c', 'b'], ['b'], 'a', closed)).toMatchObject({
      holderUnitId: 'a',
      complete: true,
    });
    // an approval given before the unit closed still counts
    expect(approvalState(['c', 'b'], ['c'], 'a', new Set(['b']))).toMatchObject({ complete: true });
  });
});
