/** Secret link tokens never reach the request log: the calendar feed's and an agency's one-time link. */
import { describe, expect, it } from 'vitest';
import { maskSecretPath } from '../src/app.ts';

describe('request log', () => {
  it('masks the token of /ics/… and /y/… and keeps every other path', () => {
    expect(maskSecretPath('/ics/AbCdEf0123456789AbCdEf0123456789')).toBe('/ics/***');
    expect(maskSecretPath('/y/tok-en_123?x=1')).toBe('/y/***?x=1');
    expect(maskSecretPath('/s/linktoken')).toBe('/s/linktoken'); // printed on posters, not secret
    expect(maskSecretPath('/api/plans/1')).toBe('/api/plans/1');
  });
});
