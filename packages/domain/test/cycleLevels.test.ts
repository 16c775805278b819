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
    expect(approvalState(['c', 'b'], 0, 'a')).toEqual({
      appraisingUnitId: 'c',
      holderUnitId: 'c',
      complete: false,
    });
    expect(approvalState(['c', 'b'], 1, 'a')).toMatchObject({ holderUnitId: 'b', complete: false });
    expect(approvalState(['c', 'b'], 2, 'a')).toMatchObject({ holderUnitId: 'a', complete: true });
    expect(approvalState([], 0, 'a')).toEqual({ appraisingUnitId: 'a', holderUnitId: 'a', complete: true });
  });
});
