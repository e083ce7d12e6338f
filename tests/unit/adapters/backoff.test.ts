import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../../src/adapters/backoff.js';

describe('backoff', () => {
  it('doubles each attempt, jitters within the upper half of the step, and caps', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, () => 0.999999))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(40, () => 1)).toBe(300_000);
    expect(backoffDelay(40, () => 0)).toBe(150_000);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores garbage', () => {
    const now = Date.parse('2026-03-02T09:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('99999999', now)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('retries 408, 429 and 5xx; not other 4xx', () => {
    expect([408, 429, 500, 502, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 422].some(isRetryableStatus)).toBe(false);
  });
});
