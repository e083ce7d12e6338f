import { describe, expect, it } from 'vitest';
import { checkAudience, isKnownVisitor, type AudienceContext } from '../../../src/targeting/audience.js';
import type { Audience, Condition, ConditionOp, Lead } from '../../../src/engine/types.js';

const now = new Date('2026-03-27T10:00:00Z');
const page = { url: 'https://site.com/pricing?plan=pro', path: '/pricing', referrer: 'https://google.com/' };
const lead: Lead = { email: 'ana@acme.com', firstName: 'Ana', score: '42', company: { name: 'Acme', industry: 'Retail', size: 120 } };

function ctx(over: Partial<AudienceContext> = {}): AudienceContext {
  return { lead, now, page, ...over };
}

describe('visitor', () => {
  it.each([
    ['anonymous', {}, null],
    ['anonymous', { email: '  ' }, null],
    ['anonymous', { email: 'ana@acme.com' }, 'visitor is known, not anonymous'],
    ['known', { email: 'ana@acme.com' }, null],
    ['known', { firstName: 'Ana' }, 'visitor is anonymous, not known'],
    ['any', {}, null],
    ['any', { email: 'ana@acme.com' }, null],
  ] as Array<[Audience['visitor'], Lead, string | null]>)('%s with lead %j → %s', (visitor, who, expected) => {
    expect(checkAudience({ visitor }, ctx({ lead: who }))).toBe(expected);
  });

  it('a missing lead is anonymous', () => {
    expect(isKnownVisitor(undefined)).toBe(false);
    expect(checkAudience({ visitor: 'anonymous' }, ctx({ lead: undefined }))).toBeNull();
  });
});

describe('conditions (every operator)', () => {
  type Row = [ConditionOp, string, unknown, string | null];
  const rows: Row[] = [
    ['equals', 'company.industry', 'Retail', null],
    ['equals', 'company.industry', 'retail', null],
    ['equals', 'company.industry', 'Software', 'company.industry is Retail, not equals Software'],
    ['notEquals', 'company.industry', 'Software', null],
    ['notEquals', 'company.industry', 'Retail', 'company.industry is Retail, not notEquals Retail'],
    ['contains', 'lead.email', '@acme', null],
    ['contains', 'lead.email', '@globex', 'lead.email is ana@acme.com, not contains @globex'],
    ['notContains', 'lead.email', 'gmail', null],
    ['notContains', 'lead.email', 'acme', 'lead.email is ana@acme.com, not notContains acme'],
    ['startsWith', 'page.path', '/pri', null],
    ['startsWith', 'page.path', '/blog', 'page.path is /pricing, not startsWith /blog'],
    ['endsWith', 'lead.email', '.com', null],
    ['endsWith', 'lead.email', '.org', 'lead.email is ana@acme.com, not endsWith .org'],
    ['isEmpty', 'lead.phone', undefined, null],
    ['isEmpty', 'lead.firstName', undefined, 'lead.firstName is Ana, not empty'],
    ['isNotEmpty', 'lead.firstName', undefined, null],
    ['isNotEmpty', 'lead.phone', undefined, 'lead.phone is empty'],
    ['gt', 'company.size', 100, null],
    ['gt', 'company.size', 120, 'company.size is 120, not gt 120'],
    ['gte', 'company.size', 120, null],
    ['gte', 'company.size', 200, 'company.size is 120, not gte 200'],
    ['lt', 'lead.score', 50, null],
    ['lt', 'lead.score', 42, 'lead.score is 42, not lt 42'],
    ['lte', 'lead.score', 42, null],
    ['lte', 'lead.score', 10, 'lead.score is 42, not lte 10'],
    ['in', 'company.industry', ['Software', 'Retail'], null],
    ['in', 'company.industry', ['Software', 'Finance'], 'company.industry is Retail, not in Software, Finance'],
    ['matches', 'page.url', 'plan=(pro|team)', null],
    ['matches', 'page.referrer', 'bing\\.com', 'page.referrer is https://google.com/, not matches bing\\.com'],
    ['matches', 'lead.email', '([bad', 'lead.email is ana@acme.com, not matches ([bad'],
    ['equals', 'company.country', 'IT', 'company.country is empty, not equals IT'],
  ];
  it.each(rows)('%s on %s (%j) → %s', (op, field, value, expected) => {
    const condition: Condition = { field, op, value };
    expect(checkAudience({ conditions: [condition] }, ctx())).toBe(expected);
  });

  it('all conditions must hold, the first failing one is named', () => {
    const conditions: Condition[] = [
      { field: 'company.industry', op: 'equals', value: 'Retail' },
      { field: 'company.size', op: 'gte', value: 500 },
      { field: 'lead.email', op: 'isEmpty' },
    ];
    expect(checkAudience({ conditions }, ctx())).toBe('company.size is 120, not gte 500');
  });

  it('company given separately wins over lead.company', () => {
    const reason = checkAudience({ conditions: [{ field: 'company.industry', op: 'equals', value: 'Software' }] },
      ctx({ company: { industry: 'Software' } }));
    expect(reason).toBeNull();
  });
});

describe('devices', () => {
  it.each([
    [['desktop'], 'desktop', null],
    [['desktop'], 'mobile', 'device is mobile, not desktop'],
    [['desktop', 'mobile'], 'mobile', null],
    [[], 'mobile', null],
    [['mobile'], undefined, null],
  ] as Array<[Audience['devices'], AudienceContext['device'], string | null]>)('%j on %s → %s', (devices, device, expected) => {
    expect(checkAudience({ devices }, ctx({ device }))).toBe(expected);
  });
});

describe('order of reasons', () => {
  it('visitor, then device, then conditions, then schedule', () => {
    const audience: Audience = {
      visitor: 'anonymous',
      devices: ['mobile'],
      conditions: [{ field: 'company.industry', op: 'equals', value: 'Software' }],
      schedule: { timeZone: 'Europe/Rome', days: [6] },
    };
    expect(checkAudience(audience, ctx({ device: 'desktop' }))).toMatch(/^visitor is known/);
    expect(checkAudience({ ...audience, visitor: 'any' }, ctx({ device: 'desktop' }))).toMatch(/^device is desktop/);
    expect(checkAudience({ ...audience, visitor: 'any' }, ctx({ device: 'mobile' }))).toMatch(/^company\.industry is Retail/);
    expect(checkAudience({ ...audience, visitor: 'any', conditions: [] }, ctx({ device: 'mobile' })))
      .toBe('outside schedule: Friday is not a scheduled day in Europe/Rome');
  });
});
