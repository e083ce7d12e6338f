import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { resolveDialogue, type ResolveContext } from '../../../src/targeting/index.js';
import type { Audience, Dialogue, Flow } from '../../../src/engine/types.js';

const northwind = JSON.parse(readFileSync(new URL('../../../demo/flows/northwind.json', import.meta.url), 'utf8')) as Flow;
const friday = new Date('2026-03-27T10:00:00Z');

function dialogue(id: string, over: Partial<Dialogue> = {}, audience: Audience = {}): Dialogue {
  return { id, start: 'a', cards: { a: { type: 'end', text: 'bye' } }, audience, ...over };
}

function flow(dialogues: Dialogue[], enabled?: boolean): Flow {
  return { version: 1, settings: enabled === undefined ? {} : { enabled }, dialogues };
}

function resolve(f: Flow, ctx: Partial<ResolveContext> = {}) {
  return resolveDialogue(f, { url: 'https://site.com/pricing', now: friday, ...ctx });
}

function reasons(f: Flow, ctx: Partial<ResolveContext> = {}): Record<string, string> {
  return Object.fromEntries(resolve(f, ctx).explain.map((e) => [e.dialogueId, e.reason]));
}

describe('resolveDialogue on the northwind example', () => {
  it.each([
    ['anonymous visitor on pricing', { url: 'https://www.northwind.example/pricing' }, 'pricing-anonymous'],
    ['known visitor on pricing', { url: 'https://www.northwind.example/pricing', lead: { email: 'a@b.co' } }, 'pricing-known'],
    ['blog page on a subdomain', { url: 'https://news.northwind.example/blog/launch' }, 'blog-newsletter'],
    ['blog page on the bare domain', { url: 'https://northwind.example/blog/launch' }, 'blog-newsletter'],
    ['about page: nothing', { url: 'https://northwind.example/about' }, null],
    ['pricing completed, anonymous: nothing', { url: '/pricing', completed: ['pricing-anonymous'] }, null],
  ] as Array<[string, Partial<ResolveContext>, string | null]>)('%s', (_name, ctx, expected) => {
    expect(resolve(northwind, ctx).dialogueId).toBe(expected);
  });
});

describe('priority and ties', () => {
  const f = flow([
    dialogue('low', { priority: 1 }),
    dialogue('high-a', { priority: 10 }),
    dialogue('high-b', { priority: 10 }),
    dialogue('default'),
  ]);

  it('the highest priority wins, the first listed wins a tie', () => {
    const result = resolve(f);
    expect(result.dialogueId).toBe('high-a');
    expect(result.explain).toEqual([
      { dialogueId: 'low', matched: true, reason: 'lower priority than high-a (1 < 10)' },
      { dialogueId: 'high-a', matched: true, reason: 'plays here (priority 10)' },
      { dialogueId: 'high-b', matched: true, reason: 'same priority as high-a, which is listed first' },
      { dialogueId: 'default', matched: true, reason: 'lower priority than high-a (0 < 10)' },
    ]);
  });

  it('a higher priority that does not match loses to a lower one that does', () => {
    const g = flow([dialogue('vip', { priority: 50 }, { visitor: 'known' }), dialogue('all', { priority: 1 })]);
    expect(resolve(g).dialogueId).toBe('all');
  });

  it('negative priorities still order correctly', () => {
    const g = flow([dialogue('a', { priority: -5 }), dialogue('b', { priority: -1 })]);
    expect(resolve(g).dialogueId).toBe('b');
  });
});

describe('frequency', () => {
  const f = flow([
    dialogue('once', { frequency: 'once', priority: 3 }),
    dialogue('unset', { priority: 2 }),
    dialogue('session', { frequency: 'session', priority: 1 }),
    dialogue('always', { frequency: 'always', priority: 0 }),
  ]);

  it('once (and unset) never again after completion; session once per session; always always', () => {
    const all = ['once', 'unset', 'session', 'always'];
    const result = resolve(f, { completed: all, sessionSeen: all });
    expect(result.dialogueId).toBe('always');
    expect(reasons(f, { completed: all, sessionSeen: all })).toMatchObject({
      once: 'already completed (frequency once)',
      unset: 'already completed (frequency once)',
      session: 'already shown in this session (frequency session)',
    });
  });

  it('once: shown but not completed may play again', () => {
    expect(resolve(f, { sessionSeen: ['once'] }).dialogueId).toBe('once');
  });

  it('session: completed in an earlier session plays again in a new one', () => {
    expect(resolve(f, { completed: ['once', 'unset', 'session'] }).dialogueId).toBe('session');
  });
});

describe('engaged dialogues are sticky', () => {
  const f = flow([
    dialogue('pricing', { priority: 10 }, { pages: [{ match: 'contains', value: '/pricing' }] }),
    dialogue('blog', { priority: 1 }, { pages: [{ match: 'startsWith', value: '/blog' }] }),
  ]);

  it('wins over a higher priority dialogue on a page it does not target', () => {
    const result = resolve(f, { url: '/pricing', engaged: 'blog' });
    expect(result.dialogueId).toBe('blog');
    expect(result.explain).toEqual([
      { dialogueId: 'pricing', matched: true, reason: 'visitor is engaged in blog, which continues' },
      { dialogueId: 'blog', matched: true, reason: 'engaged: continues' },
    ]);
  });

  it('continues after it was removed from the flow', () => {
    const result = resolve(f, { url: '/about', engaged: 'old-campaign' });
    expect(result.dialogueId).toBe('old-campaign');
    expect(result.explain[0]).toEqual({ dialogueId: 'old-campaign', matched: true, reason: 'engaged: continues (no longer in the flow)' });
    expect(result.explain).toHaveLength(3);
    expect(result.explain[1].reason).toBe('page /about is not a targeted page (contains /pricing)');
  });

  it('continues when disabled, completed or under the kill switch', () => {
    const g = flow([dialogue('a', { enabled: false }), dialogue('b')], false);
    expect(resolve(g, { engaged: 'a', completed: ['a'] }).dialogueId).toBe('a');
    expect(reasons(g, { engaged: 'a' }).b).toBe('kill switch: settings.enabled is false');
  });

  it('null or empty engaged means none', () => {
    expect(resolve(f, { url: '/pricing', engaged: null }).dialogueId).toBe('pricing');
    expect(resolve(f, { url: '/pricing', engaged: '' }).dialogueId).toBe('pricing');
  });
});

describe('kill switch and disabled dialogues', () => {
  it('settings.enabled false: nothing plays, every dialogue says why', () => {
    const result = resolve(flow([dialogue('a'), dialogue('b')], false));
    expect(result.dialogueId).toBeNull();
    expect(result.explain).toEqual([
      { dialogueId: 'a', matched: false, reason: 'kill switch: settings.enabled is false' },
      { dialogueId: 'b', matched: false, reason: 'kill switch: settings.enabled is false' },
    ]);
  });

  it('settings.enabled true or absent changes nothing', () => {
    expect(resolve(flow([dialogue('a')], true)).dialogueId).toBe('a');
    expect(resolve({ version: 1, dialogues: [dialogue('a')] }).dialogueId).toBe('a');
  });

  it('a disabled dialogue is skipped', () => {
    const f = flow([dialogue('off', { enabled: false, priority: 9 }), dialogue('on')]);
    expect(resolve(f).dialogueId).toBe('on');
    expect(reasons(f).off).toBe('dialogue is disabled (enabled is false)');
  });
});

describe('explanations name the first failing rule', () => {
  const f = flow([
    dialogue('internal', {}, {
      pages: [{ match: 'contains', value: '/pricing' }],
      excludePages: [{ match: 'startsWith', value: '/pricing/internal' }],
    }),
    dialogue('anon', {}, { visitor: 'anonymous' }),
    dialogue('software', {}, { conditions: [{ field: 'company.industry', op: 'equals', value: 'Software' }] }),
    dialogue('weekend', {}, { schedule: { timeZone: 'Europe/Rome', days: [6, 7] } }),
    dialogue('mobile', {}, { devices: ['mobile'] }),
    dialogue('page-then-visitor', {}, { pages: [{ match: 'equals', value: '/contact' }], visitor: 'anonymous' }),
  ]);
  const ctx: Partial<ResolveContext> = {
    url: 'https://site.com/pricing/internal/x',
    lead: { email: 'ana@acme.com', company: { industry: 'Retail' } },
    device: 'desktop',
    now: new Date('2026-03-27T10:00:00Z'),
  };

  it.each([
    ['internal', 'page /pricing/internal/x is excluded by startsWith /pricing/internal'],
    ['anon', 'visitor is known, not anonymous'],
    ['software', 'company.industry is Retail, not equals Software'],
    ['weekend', 'outside schedule: Friday is not a scheduled day in Europe/Rome'],
    ['mobile', 'device is desktop, not mobile'],
    ['page-then-visitor', 'page /pricing/internal/x is not a targeted page (equals /contact)'],
  ])('%s: %s', (id, reason) => {
    const entry = resolve(f, ctx).explain.find((e) => e.dialogueId === id);
    expect(entry).toEqual({ dialogueId: id, matched: false, reason });
  });

  it('the page fields feed conditions (page.path, page.referrer)', () => {
    const g = flow([dialogue('from-google', {}, {
      conditions: [{ field: 'page.referrer', op: 'contains', value: 'google' }, { field: 'page.path', op: 'equals', value: '/pricing' }],
    })]);
    expect(resolve(g, { referrer: 'https://www.google.com/' }).dialogueId).toBe('from-google');
    expect(reasons(g, { referrer: 'https://bing.com/' })['from-google']).toBe('page.referrer is https://bing.com/, not contains google');
  });

  it('ctx.company feeds company.* fields', () => {
    const g = flow([dialogue('big', {}, { conditions: [{ field: 'company.size', op: 'gte', value: 200 }] })]);
    expect(resolve(g, { company: { size: 500 } }).dialogueId).toBe('big');
    expect(resolve(g, { company: { size: 50 } }).dialogueId).toBeNull();
  });
});

describe('robustness', () => {
  it('no dialogues: null with an empty explanation', () => {
    expect(resolve(flow([]))).toEqual({ dialogueId: null, explain: [] });
  });

  it('a malformed, unvalidated dialogue is reported instead of throwing', () => {
    const junk = { version: 1, dialogues: [{ id: 'bad', audience: { conditions: [null] } }, dialogue('ok')] } as unknown as Flow;
    const result = resolve(junk);
    expect(result.dialogueId).toBe('ok');
    expect(result.explain[0]).toEqual({ dialogueId: 'bad', matched: false, reason: 'targeting rules are malformed (validateFlow lists the problems)' });
  });

  it('now defaults to the current time', () => {
    const year = new Date().getUTCFullYear();
    const f = flow([dialogue('this-year', {}, { schedule: { from: `${year - 1}-12-31`, until: `${year + 1}-01-01` } })]);
    expect(resolveDialogue(f, { url: '/' }).dialogueId).toBe('this-year');
  });
});

describe('resolveDialogue never throws', () => {
  it('on arbitrary flows and contexts', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), (doc, ctx) => {
      const result = resolveDialogue(doc as Flow, ctx as ResolveContext);
      expect(Array.isArray(result.explain)).toBe(true);
    }), { numRuns: 300 });
    fc.assert(fc.property(fc.array(fc.record({ id: fc.string(), priority: fc.anything(), audience: fc.anything(), frequency: fc.anything() })), fc.string(), (dialogues, url) => {
      const result = resolveDialogue({ version: 1, dialogues } as unknown as Flow, { url, now: friday });
      expect(result.explain).toHaveLength(dialogues.length);
    }), { numRuns: 300 });
  });
});
