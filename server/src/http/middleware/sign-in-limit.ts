/**
 * Failed sign-ins per client address: after `max` wrong admin tokens in a window, every sign-in
 * from that address (cookie or Bearer) is refused with 429 until the window ends, so the token
 * cannot be guessed at speed. Counts live in this process, like the request rate limit.
 */
import type { Context } from 'hono';
import { Problem } from '../problem.js';
import { clientIp } from './rate-limit.js';

/** How many wrong tokens an address may send per window. */
export interface SignInLimit { max: number; windowMs: number; trustProxy: boolean }

/** The failure counter. */
export interface FailedSignIns {
  /** Throws a 429 Problem (with Retry-After set) when this client is locked out. */
  check(c: Context): void;
  /** Counts a wrong token from this client. */
  fail(c: Context): void;
  /** Clears this client's count (a right token). */
  succeed(c: Context): void;
}

/** Creates the counter; `now` is the clock. */
export function failedSignIns({ max, windowMs, trustProxy }: SignInLimit, now: () => number = Date.now): FailedSignIns {
  let windowStart = 0;
  let counts = new Map<string, number>();
  const roll = () => {
    const at = now();
    // A fresh map per window: memory is bounded by one window's failing clients.
    if (at - windowStart >= windowMs) {
      windowStart = at - (at % windowMs);
      counts = new Map();
    }
    return at;
  };
  return {
    check(c) {
      const at = roll();
      if ((counts.get(clientIp(c, trustProxy)) ?? 0) < max) return;
      c.header('Retry-After', String(Math.max(1, Math.ceil((windowStart + windowMs - at) / 1000))));
      throw new Problem(429, 'Too many wrong admin tokens from this address; try again later.');
    },
    fail(c) {
      roll();
      const ip = clientIp(c, trustProxy);
      counts.set(ip, (counts.get(ip) ?? 0) + 1);
    },
    succeed(c) {
      counts.delete(clientIp(c, trustProxy));
    },
  };
}
