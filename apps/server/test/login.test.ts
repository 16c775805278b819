/** Login lock-outs by client address: behind a trusted proxy the forwarded address counts (one
 * attacker cannot lock everyone out through the proxy's address); an IPv6 subscriber counts as its
 * /64; many locked addresses lock the account everywhere. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKey } from '../src/modules/auth/service.ts';
import { anonymous, testApp, type TestApp } from './helpers.ts';

let t: TestApp;

beforeAll(async () => {
  t = await testApp({ trustProxy: true, loginRatePerMinute: 10_000 });
});
afterAll(async () => t?.close());

async function login(username: string, password: string, forwardedFor: string) {
  const { jar, csrf } = await anonymous(t.app);
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: {
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': csrf,
      'x-forwarded-for': forwardedFor,
    },
    payload: { username, password },
  });
  return r.statusCode;
}

describe('addresses', () => {
  it('an IPv6 address counts as its /64; IPv4 and IPv4-mapped as themselves', () => {
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::9')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
  });
});

describe('lock-outs behind a trusted proxy', () => {
  it('wrong passwords from one forwarded address do not lock the account for another', async () => {
    for (let i = 0; i < 5; i++)
      expect(await login('lanhdao.caobang', 'sai-mat-khau-1', '203.0.113.66')).toBe(401);
    // locked for that address, even with the right password
    expect(await login('lanhdao.caobang', t.password('lanhdao.caobang'), '203.0.113.66')).toBe(401);
    // the user from elsewhere still signs in
    expect(await login('lanhdao.caobang', t.password('lanhdao.caobang'), '198.51.100.7')).toBe(200);
  });

  it('rotating addresses inside one IPv6 /64 does not give more guesses', async () => {
    for (let i = 0; i < 5; i++)
      expect(await login('canbo.haquang', 'sai-mat-khau-2', `2001:db8:7:7::${i + 1}`)).toBe(401);
    expect(await login('canbo.haquang', t.password('canbo.haquang'), '2001:db8:7:7::99')).toBe(401);
    expect(await login('canbo.haquang', t.password('canbo.haquang'), '2001:db8:7:8::1')).toBe(200);
  });

  it('a guessing attack spread over many addresses locks the account everywhere', async () => {
    for (let a = 1; a <= 10; a++)
      for (let i = 0; i < 5; i++) await login('truong.haquang', 'sai-mat-khau-3', `192.0.2.${a}`);
    expect(await login('truong.haquang', t.password('truong.haquang'), '198.51.100.200')).toBe(401);
  });
});
