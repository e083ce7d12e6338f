// `flow` and `lead` are compared by value: frameworks assign a fresh, equal object on every render.
import { describe, expect, it } from 'vitest';
import { plainJson } from '../../../src/stores/plain.js';
import { sameJson as samePlain } from '../../../src/page/same-json.js';

// The element compares the plainJson copies it keeps of what the host assigned.
const sameJson = (a: unknown, b: unknown): boolean => samePlain(plainJson(a), plainJson(b));

describe('sameJson', () => {
  it('equal data is the same whatever the object, key order or Proxy', () => {
    const lead = { email: 'kim@acme.com', company: { name: 'Acme', tags: ['b2b', 'saas'] } };
    expect(sameJson(lead, structuredClone(lead))).toBe(true);
    expect(sameJson(lead, { company: { tags: ['b2b', 'saas'], name: 'Acme' }, email: 'kim@acme.com' })).toBe(true);
    expect(sameJson(lead, new Proxy(structuredClone(lead), {}))).toBe(true);
    // What JSON cannot hold does not count (a method, an undefined key), as when the lead is kept.
    expect(sameJson({ a: 1, b: undefined, f() {} }, { a: 1 })).toBe(true);
  });

  it('any difference of value, shape or kind is a change', () => {
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1, c: 2 })).toBe(false);
    expect(sameJson({ a: null }, { b: null })).toBe(false);
    expect(sameJson({ list: [1, 2] }, { list: [2, 1] })).toBe(false);
    expect(sameJson({ list: [] }, { list: {} })).toBe(false);
    expect(sameJson('/flow.json', { version: 1 })).toBe(false);
    expect(sameJson(undefined, {})).toBe(false);
    expect(sameJson('0', 0)).toBe(false);
  });

  it('a cycle or a throwing getter never throws', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    const b: Record<string, unknown> = { x: 1 };
    b.self = b;
    expect(sameJson(a, b)).toBe(true);
    const revoked = Proxy.revocable({ x: 1 }, {});
    revoked.revoke();
    expect(() => sameJson(revoked.proxy, { x: 1 })).not.toThrow();
  });
});
