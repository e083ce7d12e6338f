import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import schema from '../../../src/engine/flow.schema.json';
import { validateFlow } from '../../../src/engine/validate.js';
import { buildSchema } from './flow-schema.js';

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const schemaAccepts = ajv.compile(schema);

const examplesDir = fileURLToPath(new URL('../../../../shared/spec/examples/', import.meta.url));
const fixture = fileURLToPath(new URL('../../../demo/flows/northwind.json', import.meta.url));
const schemaFile = fileURLToPath(new URL('../../../src/engine/flow.schema.json', import.meta.url));

function read(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function northwind(): any {
  return read(fixture);
}

function examples(): Array<[string, unknown]> {
  const shared = (() => {
    try { return readdirSync(examplesDir).filter((f) => f.endsWith('.json')).map((f): [string, unknown] => [f, read(examplesDir + f)]); }
    catch { return []; }
  })();
  return [['demo/flows/northwind.json', northwind()], ...shared];
}

// Structural breakages: what a JSON Schema can express. Both must refuse every one.
const broken: Array<[string, (f: any) => void]> = [
  ['version 2', (f) => { f.version = 2; }],
  ['no version', (f) => { delete f.version; }],
  ['dialogues not a list', (f) => { f.dialogues = {}; }],
  ['no dialogues', (f) => { delete f.dialogues; }],
  ['a dialogue without start', (f) => { delete f.dialogues[0].start; }],
  ['a dialogue without cards', (f) => { delete f.dialogues[0].cards; }],
  ['an unknown card type', (f) => { f.dialogues[0].cards.hi.type = 'video'; }],
  ['a card without type', (f) => { delete f.dialogues[0].cards.hi.type; }],
  ['a message without text', (f) => { delete f.dialogues[0].cards.hi.text; }],
  ['next is a number', (f) => { f.dialogues[0].cards.hi.next = 3; }],
  ['a choice with no options', (f) => { f.dialogues[0].cards.need.options = []; }],
  ['an option without label', (f) => { delete f.dialogues[0].cards.need.options[0].label; }],
  ['an option with a javascript: url', (f) => { f.dialogues[0].cards.need.options[1].url = 'javascript:alert(1)'; }],
  ['an input without field', (f) => { delete f.dialogues[0].cards.email.field; }],
  ['an input of unknown kind', (f) => { f.dialogues[0].cards.email.kind = 'zip'; }],
  ['a field named company', (f) => { f.dialogues[0].cards.need.field = 'company'; }],
  ['a meeting without duration', (f) => { delete f.dialogues[0].cards.meet.durationMinutes; }],
  ['a meeting with an empty agents list', (f) => { f.dialogues[0].cards.meet.agents = []; }],
  ['a branch without otherwise', (f) => { delete f.dialogues[1].cards.route.otherwise; }],
  ['an unknown condition operator', (f) => { f.dialogues[1].cards.route.rules[0].when[0].op = 'greaterThan'; }],
  ['gte with a word', (f) => { f.dialogues[1].cards.route.rules[0].when[0].value = 'big'; }],
  ['in without a list', (f) => { f.dialogues[1].cards.route.rules[0].when[0] = { field: 'company.size', op: 'in', value: 'x' }; }],
  ['a condition on an unknown root', (f) => { f.dialogues[1].cards.route.rules[0].when[0].field = 'visitor.size'; }],
  ['a goal without name', (f) => { delete f.dialogues[0].cards.qualified.name; }],
  ['an unknown page operator', (f) => { f.dialogues[0].audience.pages[0].match = 'like'; }],
  ['a param rule without name', (f) => { f.dialogues[0].audience.pages[0] = { match: 'param', value: 'ads' }; }],
  ['an unknown visitor', (f) => { f.dialogues[0].audience.visitor = 'everyone'; }],
  ['an unknown device', (f) => { f.dialogues[2].audience.devices = ['tablet']; }],
  ['an unknown trigger', (f) => { f.dialogues[0].trigger = { on: 'hover' }; }],
  ['timeOnPage without seconds', (f) => { f.dialogues[0].trigger = { on: 'timeOnPage' }; }],
  ['scroll over 100 percent', (f) => { f.dialogues[2].trigger = { on: 'scroll', percent: 150 }; }],
  ['click without selector', (f) => { f.dialogues[0].trigger = { on: 'click' }; }],
  ['an unknown frequency', (f) => { f.dialogues[0].frequency = 'daily'; }],
  ['schedule day 8', (f) => { f.dialogues[0].audience.schedule = { days: [1, 8] }; }],
  ['schedule hours 9am', (f) => { f.dialogues[0].audience.schedule = { hours: ['9am', '18:00'] }; }],
  ['schedule from 01/02/2026', (f) => { f.dialogues[0].audience.schedule = { from: '01/02/2026' }; }],
  ['a named color', (f) => { f.settings.theme.primaryColor = 'red'; }],
  ['a CSS injection in a color', (f) => { f.settings.theme.textColor = '#fff; background:url(x)'; }],
  ['an unknown position', (f) => { f.settings.theme.position = 'top-left'; }],
  ['51 blocked domains', (f) => { f.settings.blockedEmailDomains = Array.from({ length: 51 }, (_, i) => `c${i}.com`); }],
  ['a blocked domain that is not a domain', (f) => { f.settings.blockedEmailDomains = ['not a domain']; }],
  ['a negative response delay', (f) => { f.settings.responseDelayMs = -1; }],
  ['autoOpen as text', (f) => { f.settings.autoOpen = 'yes'; }],
  ['an agent without name', (f) => { delete f.agents[0].name; }],
  ['weekly hours on "monday"', (f) => { f.agents[0].weekly = { monday: [['09:00', '17:00']] }; }],
  ['weekly hours not a pair', (f) => { f.agents[0].weekly = { mon: [['09:00']] }; }],
  ['settings as a list', (f) => { f.settings = []; }],
];

// Problems only validateFlow can see: the schema accepts these documents.
const semantic: Array<[string, (f: any) => void]> = [
  ['a dangling next', (f) => { f.dialogues[0].cards.hi.next = 'nope'; }],
  ['a missing start card', (f) => { f.dialogues[0].start = 'nope'; }],
  ['duplicate dialogue ids', (f) => { f.dialogues[1].id = f.dialogues[0].id; }],
  ['an unknown agent', (f) => { f.dialogues[0].cards.meet.agents = ['zed']; }],
  ['a silent loop', (f) => { f.dialogues[1].cards.offer.next = 'welcome'; }],
  ['an invalid RegExp', (f) => { f.dialogues[0].audience.pages[0] = { match: 'matches', value: '(' }; }],
  ['a RegExp with a backreference (not linear time)', (f) => { f.dialogues[0].audience.pages[0] = { match: 'matches', value: '(a+)\\1' }; }],
  ['an unknown time zone', (f) => { f.agents[0].timeZone = 'Mars/Olympus'; }],
];

describe('flow.schema.json', () => {
  it('is a 2020-12 schema with the published $id', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://dynamic-chat.dev/flow.schema.json');
  });

  it('is built from the same patterns, lists and limits as validateFlow', () => {
    const built = buildSchema();
    if (process.env.UPDATE_SCHEMA) writeFileSync(schemaFile, `${JSON.stringify(built, null, 2)}\n`);
    expect(JSON.parse(readFileSync(schemaFile, 'utf8'))).toEqual(built);
  });

  it('spells its patterns in ASCII classes, so validators in other languages accept no Unicode digits or letters', () => {
    const patterns = JSON.stringify(schema).match(/"pattern":"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(patterns.length).toBeGreaterThan(3);
    for (const pattern of patterns) expect(pattern).not.toMatch(/\\\\[dwDW]/);
  });

  it.each(examples())('accepts the example %s, as validateFlow does', (_name, doc) => {
    expect(schemaAccepts(doc), JSON.stringify(schemaAccepts.errors)).toBe(true);
    expect(validateFlow(doc).ok).toBe(true);
  });

  it.each(broken)('refuses %s, as validateFlow does', (_name, breakIt) => {
    const doc = northwind();
    breakIt(doc);
    expect(schemaAccepts(doc)).toBe(false);
    expect(validateFlow(doc).ok).toBe(false);
  });

  it.each(semantic)('leaves %s to validateFlow', (_name, breakIt) => {
    const doc = northwind();
    breakIt(doc);
    expect(schemaAccepts(doc)).toBe(true);
    expect(validateFlow(doc).ok).toBe(false);
  });
});
