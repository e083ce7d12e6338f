import { describe, expect, it } from 'vitest';
import { checkInput, INPUT_ERRORS, isBlockedEmail } from '../../../src/engine/input-rules.js';
import type { InputKind } from '../../../src/engine/types.js';

const required = { required: true, blockedDomains: ['competitor.com', '@Rival.io'] };

const accepted: Array<[InputKind, string]> = [
  ['email', 'ana@acme.com'], ['email', 'Ana.Lopez+chat@mail.acme.co.uk'], ['email', '  ana@acme.com  '], ['email', 'jürgen@müller.de'],
  ['phone', '+1 (555) 123-4567'], ['phone', '555.123.4567'], ['phone', '0612345678'], ['phone', '1234567'], ['phone', '+123456789012345'],
  ['name', 'Ana'], ['name', "Anne-Marie O'Neil"], ['name', 'José María'], ['name', '李小龍'], ['name', 'J. R. R. Tolkien'],
  ['number', '42'], ['number', '-3'], ['number', '3.5'], ['number', '3,5'], ['number', '+7'],
  ['url', 'https://acme.com'], ['url', 'http://www.acme.com/path?x=1#y'], ['url', 'HTTPS://ACME.COM'], ['url', 'https://acme.com:8443/x'],
  ['text', 'anything at all <b>'], [undefined as unknown as InputKind, 'no kind means text'],
];

const refused: Array<[InputKind, string, string]> = [
  ['email', 'ana', INPUT_ERRORS.email], ['email', 'ana@acme', INPUT_ERRORS.email], ['email', 'ana@@acme.com', INPUT_ERRORS.email],
  ['email', 'ana @acme.com', INPUT_ERRORS.email], ['email', 'ana@acme..com', INPUT_ERRORS.email], ['email', '<ana@acme.com>', INPUT_ERRORS.email],
  ['email', 'bob@competitor.com', INPUT_ERRORS.blocked], ['email', 'bob@COMPETITOR.COM', INPUT_ERRORS.blocked],
  ['email', 'bob@eu.competitor.com', INPUT_ERRORS.blocked], ['email', 'bob@rival.io', INPUT_ERRORS.blocked],
  ['phone', '123456', INPUT_ERRORS.phone], ['phone', '1234567890123456', INPUT_ERRORS.phone], ['phone', 'call me', INPUT_ERRORS.phone],
  ['phone', '555-1234 ext 5', INPUT_ERRORS.phone], ['phone', '+1 555 123 456#', INPUT_ERRORS.phone],
  ['name', 'R2D2', INPUT_ERRORS.name], ['name', 'ana@acme.com', INPUT_ERRORS.name], ['name', '<script>', INPUT_ERRORS.name], ['name', 'a'.repeat(101), INPUT_ERRORS.name],
  ['number', 'twelve', INPUT_ERRORS.number], ['number', '1e5', INPUT_ERRORS.number], ['number', '12abc', INPUT_ERRORS.number], ['number', '1.2.3', INPUT_ERRORS.number],
  ['url', 'acme.com', INPUT_ERRORS.url], ['url', 'javascript:alert(1)', INPUT_ERRORS.url], ['url', 'ftp://acme.com', INPUT_ERRORS.url],
  ['url', 'https://acme', INPUT_ERRORS.url], ['url', 'https://ac me.com', INPUT_ERRORS.url],
  ['text', 'x'.repeat(2001), INPUT_ERRORS.text],
];

describe('checkInput', () => {
  it.each(accepted)('accepts %s %j', (kind, value) => {
    expect(checkInput(kind, value, required)).toBeNull();
  });

  it.each(refused)('refuses %s %j', (kind, value, error) => {
    expect(checkInput(kind, value, required)).toBe(error);
  });

  it.each<InputKind>(['text', 'email', 'phone', 'name', 'number', 'url'])('refuses an empty or blank %s when required', (kind) => {
    expect(checkInput(kind, '', required)).toBe(INPUT_ERRORS.empty);
    expect(checkInput(kind, '   ', required)).toBe(INPUT_ERRORS.empty);
  });

  it.each<InputKind>(['text', 'email', 'phone', 'name', 'number', 'url'])('lets an empty %s through when not required, but still checks a typed one', (kind) => {
    expect(checkInput(kind, '', { required: false })).toBeNull();
    if (kind !== 'text') expect(checkInput(kind, '@@@', { required: false })).not.toBeNull();
  });
});

describe('isBlockedEmail', () => {
  it('blocks a domain and its subdomains, case-insensitively, and nothing else', () => {
    expect(isBlockedEmail('a@competitor.com', ['competitor.com'])).toBe(true);
    expect(isBlockedEmail('a@Mail.Competitor.com', ['COMPETITOR.com'])).toBe(true);
    expect(isBlockedEmail('a@notcompetitor.com', ['competitor.com'])).toBe(false);
    expect(isBlockedEmail('a@competitor.com.evil.io', ['competitor.com'])).toBe(false);
    expect(isBlockedEmail('a@acme.com', [])).toBe(false);
  });
});

describe('emails on internationalised domains', () => {
  // Chromium's <input type=email> hands over the punycode form of what the visitor typed.
  it.each([
    'user@пример.рф', 'user@xn--e1afmkfd.xn--p1ai', 'USER@XN--E1AFMKFD.XN--P1AI', 'user@mail.xn--e1afmkfd.xn--p1ai',
    '用户@例子.广告', 'user@उदाहरण.भारत', 'user@xn--p1b6ci4b4b3a.xn--h2brj9c', 'ana@xn--mller-kva.de',
  ])('accepts %s', (email) => {
    expect(checkInput('email', email, { required: true })).toBeNull();
  });

  it.each([
    'user@xn--', 'user@пример', 'user@пример.р', 'user@-пример.рф', 'user@пример..рф', 'user@пример.рф.',
    'user@xn--e1afmkfd.123', 'us er@пример.рф', 'user@@пример.рф', 'user@пример .рф',
  ])('still refuses %s', (email) => {
    expect(checkInput('email', email, { required: true })).toBe(INPUT_ERRORS.email);
  });

  it('a blocked domain blocks both forms, whichever form the flow lists', () => {
    for (const listed of ['пример.рф', 'xn--e1afmkfd.xn--p1ai', '@ПРИМЕР.РФ']) {
      expect(checkInput('email', 'user@пример.рф', { required: true, blockedDomains: [listed] }), listed).toBe(INPUT_ERRORS.blocked);
      expect(checkInput('email', 'user@xn--e1afmkfd.xn--p1ai', { required: true, blockedDomains: [listed] }), listed).toBe(INPUT_ERRORS.blocked);
      expect(checkInput('email', 'user@mail.пример.рф', { required: true, blockedDomains: [listed] }), listed).toBe(INPUT_ERRORS.blocked);
    }
    expect(checkInput('email', 'user@пример.com', { required: true, blockedDomains: ['пример.рф'] })).toBeNull();
    expect(isBlockedEmail('a@competitor.com', ['competitor.com'])).toBe(true);
  });
});

describe('blockedEmailDomains in a flow', () => {
  it('accepts internationalised domains in both forms, and still refuses what is not a domain', async () => {
    const { validateFlow } = await import('../../../src/engine/validate.js');
    const flow = (domains: string[]) => ({ version: 1, settings: { blockedEmailDomains: domains }, dialogues: [] });
    expect(validateFlow(flow(['пример.рф', 'xn--e1afmkfd.xn--p1ai', '@例子.广告'])).ok).toBe(true);
    const result = validateFlow(flow(['not a domain', 'пример']));
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['/settings/blockedEmailDomains/0', '/settings/blockedEmailDomains/1']);
  });
});
