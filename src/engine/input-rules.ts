/** How an input card's value is checked before it is accepted, by kind. */
import type { InputKind } from './types.js';
import { has } from './guards.js';

/** What a check needs besides the value. */
export interface InputRules {
  /** False lets an empty value through (the card's `required: false`). */
  required: boolean;
  /** Email domains refused, with their subdomains (`competitor.com` also refuses `eu.competitor.com`). */
  blockedDomains?: string[];
}

/** Default messages, used when the card has no `error` of its own. */
export const INPUT_ERRORS = {
  empty: 'Please fill this in to continue.',
  email: 'Please enter a valid email address, like name@company.com.',
  blocked: 'Please use a different email address; this domain is not accepted.',
  phone: 'Please enter a valid phone number, like +1 555 123 4567.',
  name: 'Please enter your name using letters only.',
  number: 'Please enter a number, like 42 or 3.5.',
  url: 'Please enter a web address starting with http:// or https://.',
  text: 'Please keep your answer under 2,000 characters.',
} as const;

/** The longest answer any input accepts. */
export const MAX_ANSWER_LENGTH = 2000;

// The local part excludes the characters RFC 5322 reserves for quoting; the domain needs a dot
// and a top-level label of letters. Internationalised domains pass in either form: Unicode
// (`пример.рф`, marks included for scripts such as Devanagari) or the punycode a browser's
// email box hands over (`xn--e1afmkfd.xn--p1ai`).
const EMAIL = /^[^\s@"(),:;<>[\]\\]+@(?:[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?\.)+(?:\p{L}[\p{L}\p{M}]+|xn--[a-z0-9-]*[a-z0-9])$/iu;
const PHONE_CHARS = /^[\d +().-]+$/;
const NAME = /^[\p{L}\p{M}](?:[\p{L}\p{M}'’ .,-]*[\p{L}\p{M}.])?$/u;
const NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
const URL_TEXT = /^https?:\/\/[^\s/?#@]+\.[^\s/?#@]{2,}(?::\d+)?(?:[/?#]\S*)?$/i;

// What a trimmed value of each kind must look like; `text` only has the length limit.
const VALID: Record<string, (text: string) => boolean> = {
  email: (text) => text.length <= 254 && EMAIL.test(text) && !text.includes('..'),
  phone: (text) => {
    const digits = text.replace(/\D/g, '').length;
    return PHONE_CHARS.test(text) && digits >= 7 && digits <= 15;
  },
  name: (text) => text.length <= 100 && NAME.test(text),
  number: (text) => NUMBER.test(text),
  url: (text) => URL_TEXT.test(text),
};

// URL is no DOM API (browsers and Node both have it), but the engine's pure lib does not name it.
const { URL: Url } = globalThis as unknown as { URL: new (href: string) => { hostname: string } };

/** A domain in its ASCII form, `пример.рф` → `xn--e1afmkfd.xn--p1ai`, by the URL standard's IDNA rules. */
function asciiDomain(domain: string): string {
  try {
    return new Url(`http://${domain}/`).hostname;
  } catch {
    return domain.toLowerCase();
  }
}

/**
 * True when the email's domain is a blocked domain or one of its subdomains; both are compared in
 * their ASCII form, so `пример.рф` also blocks `xn--e1afmkfd.xn--p1ai` and the other way round.
 */
export function isBlockedEmail(email: string, blockedDomains: string[] = []): boolean {
  const domain = asciiDomain(email.slice(email.lastIndexOf('@') + 1));
  return blockedDomains.some((entry) => {
    // An entry may be written `@Competitor.com`.
    const blocked = asciiDomain(entry.trim().replace(/^@/, ''));
    return blocked !== '' && (domain === blocked || domain.endsWith(`.${blocked}`));
  });
}

/** Checks a visitor's value for an input kind; null when it is accepted, else the default error. */
export function checkInput(kind: InputKind | undefined, value: string, rules: InputRules): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return rules.required ? INPUT_ERRORS.empty : null;
  if (text.length > MAX_ANSWER_LENGTH) return INPUT_ERRORS.text;
  // The kind comes from a flow or a stored state: only the table's own kinds are checked.
  if (kind && has(VALID, kind) && !VALID[kind](text)) return INPUT_ERRORS[kind];
  return kind === 'email' && isBlockedEmail(text, rules.blockedDomains) ? INPUT_ERRORS.blocked : null;
}
