/** The citizen page's guards: signed form tokens (random + issue time, HMAC with a secret kept in
 * app_meta) and in-memory submission counters per client address per hour and per device cookie per
 * unit × field per day. The counters live in this process only (one node; a scale-out would move
 * them to a shared store). */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A form token for a link: `<random>.<issued unix seconds>.<signature>`. */
export function issueFormToken(secret: string, link: string, nowMs = Date.now()): string {
  const body = `${randomBytes(12).toString('base64url')}.${Math.floor(nowMs / 1000)}`;
  return `${body}.${sign(secret, link, body)}`;
}

function sign(secret: string, link: string, body: string) {
  return createHmac('sha256', secret).update(`${link}.${body}`).digest('base64url').slice(0, 27);
}

/** The token's stored part and issue time, or null when it is not one this server signed for the link. */
export function readFormToken(
  secret: string,
  link: string,
  token: string,
  nowMs = Date.now(),
): { id: string; issuedMs: number } | null {
  const m = /^([A-Za-z0-9_-]{16})\.(\d{1,12})\.([A-Za-z0-9_-]{27})$/.exec(token);
  if (!m) return null;
  const body = `${m[1]}.${m[2]}`;
  const want = Buffer.from(sign(secret, link, body));
  if (!timingSafeEqual(want, Buffer.from(m[3]!))) return null;
  const issuedMs = Number(m[2]) * 1000;
  // a token from the future is not ours (clock skew of a minute tolerated)
  if (issuedMs > nowMs + 60_000) return null;
  return { id: body, issuedMs };
}

/** A deterministic uuid (version 5 layout over sha256) of a text: the batch of a campaign's day. */
export function uuidOf(text: string): string {
  const h = createHash('sha256').update(text).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Counts per key within a window (the current hour or day); the map is emptied when the window
 * changes, so it never grows beyond one window's keys. */
export class WindowCounter {
  private window = '';
  private counts = new Map<string, number>();

  private roll(window: string) {
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
  }

  count(window: string, key: string): number {
    this.roll(window);
    return this.counts.get(key) ?? 0;
  }

  add(window: string, key: string) {
    this.roll(window);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}
