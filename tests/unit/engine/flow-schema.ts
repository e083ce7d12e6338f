/**
 * Builds src/engine/flow.schema.json from the same patterns, lists and limits validateFlow
 * uses, so the two cannot drift apart: schema.test.ts fails when the file differs from this,
 * and `UPDATE_SCHEMA=1 npx vitest run tests/unit/engine/schema.test.ts` rewrites it.
 */
import { CONDITION_OPS } from '../../../src/engine/conditions.js';
import { CONDITION_FIELD, DATE, NUMERIC_TEXT, PAGE_RULE_SHAPES, TRIGGER_SHAPES } from '../../../src/engine/validate-audience.js';
import { CARD_SHAPES, DAYS_AHEAD, DURATION_MINUTES, FIELD_NAME, INPUT_KINDS, RESERVED_FIELDS } from '../../../src/engine/validate-cards.js';
import { COLOR, DOMAIN, MAX_BLOCKED_DOMAINS, MAX_RESPONSE_DELAY_MS, SAFE_URL, WEEKDAYS } from '../../../src/engine/validate-settings.js';
import { CLOCK_TIME } from '../../../src/engine/validate-util.js';

const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
// The keys of validateFlow's tables are the words the format allows.
const PAGE_MATCHES = Object.keys(PAGE_RULE_SHAPES);
const TRIGGERS = Object.keys(TRIGGER_SHAPES);
const CARD_TYPES = Object.keys(CARD_SHAPES);
const text = { type: 'string', minLength: 1 };
const cardId = { type: 'string', minLength: 1, description: 'The id of another card of this dialogue.' };
const next = { ...cardId, description: 'The card that follows; without it the dialogue ends here.' };
const pair = { type: 'array', prefixItems: [ref('clockTime'), ref('clockTime')], minItems: 2, items: false };

function obj(properties: object, required: string[] = [], extra: object = {}) {
  return { type: 'object', ...(required.length ? { required } : {}), properties, ...extra };
}

/** `then` applies when `prop` is one of `values` (how JSON Schema says "for this card type…"). */
function when(prop: string, values: readonly string[], then: object) {
  return { if: { type: 'object', required: [prop], properties: { [prop]: { enum: values } } }, then };
}

const settings = obj({
  botName: { ...text, description: 'The name the panel shows, and its accessible name.' },
  avatarUrl: text,
  responseDelayMs: { type: 'number', minimum: 0, maximum: MAX_RESPONSE_DELAY_MS, default: 900, description: 'Typing time before each bot message, in milliseconds; 0 = instant.' },
  theme: ref('theme'),
  locale: { ...text, description: 'A language tag such as en, de or pt-BR.' },
  autoOpen: { type: 'boolean', default: false, description: 'true: a triggered dialogue opens the panel instead of showing a poke.' },
  enabled: { type: 'boolean', default: true, description: 'The kill switch: false and nothing triggers anywhere.' },
  privacyUrl: ref('link'),
  blockedEmailDomains: { type: 'array', maxItems: MAX_BLOCKED_DOMAINS, items: { type: 'string', pattern: DOMAIN.source }, description: 'Email inputs refuse these domains and their subdomains.' },
  meetings: obj({
    inviteMessage: { type: 'string', description: 'Sent with each booking; tokens are filled.' },
    minNoticeHours: { type: 'number', minimum: 0 },
    bufferMinutes: { type: 'number', minimum: 0 },
  }),
});

const theme = obj({
  fontFamily: { ...text, description: '"inherit" takes the host page\'s <body> font.' },
  primaryColor: ref('color'),
  onPrimaryColor: ref('color'),
  backgroundColor: ref('color'),
  textColor: ref('color'),
  botBubbleColor: ref('color'),
  visitorBubbleColor: ref('color'),
  radius: { type: 'number', minimum: 0, description: 'Corner radius in px.' },
  offset: { type: 'number', minimum: 0, description: 'Distance of the launcher from the corner, in px.' },
  position: { enum: ['bottom-right', 'bottom-left'], default: 'bottom-right' },
});

const agent = obj({
  id: text,
  name: text,
  email: text,
  avatarUrl: text,
  timeZone: { ...text, description: 'An IANA time zone such as Europe/Rome.' },
  weekly: {
    type: 'object',
    properties: Object.fromEntries(WEEKDAYS.map((day) => [day, { type: 'array', items: pair }])),
    additionalProperties: false,
    description: 'Working hours per weekday, such as { "mon": [["09:00", "12:00"], ["13:00", "17:00"]] }.',
  },
}, ['id', 'name']);

const dialogue = obj({
  id: text,
  name: { type: 'string' },
  enabled: { type: 'boolean', default: true },
  priority: { type: 'number', default: 0, description: 'The highest matching priority wins; ties go to the first listed.' },
  audience: ref('audience'),
  trigger: ref('trigger'),
  frequency: { enum: ['once', 'session', 'always'], default: 'once', description: 'once: never again after it completed; session: once per browser session; always.' },
  start: { ...cardId, description: 'The id of the first card.' },
  cards: { type: 'object', propertyNames: { minLength: 1 }, additionalProperties: ref('card'), description: 'The cards, by id.' },
}, ['id', 'start', 'cards']);

const pageRule = {
  ...obj({ match: { enum: PAGE_MATCHES }, value: { type: 'string' }, name: { type: 'string' } }, ['match']),
  if: { type: 'object', required: ['match'], properties: { match: { const: 'param' } } },
  then: obj({ name: text }, ['name']),
  else: obj({ value: text }, ['value']),
  description: 'Compares the path + query, or the full URL when the value starts with http; glob and param as contract §2.',
};

const condition = {
  ...obj({ field: { type: 'string', pattern: CONDITION_FIELD.source }, op: { enum: CONDITION_OPS } }, ['field', 'op']),
  allOf: [
    when('op', ['in'], obj({ value: { type: 'array', items: { type: ['string', 'number', 'boolean'] } } }, ['value'])),
    when('op', ['gt', 'gte', 'lt', 'lte'], obj({ value: { anyOf: [{ type: 'number' }, { type: 'string', pattern: NUMERIC_TEXT.source }] } }, ['value'])),
    when('op', ['matches'], obj({ value: { type: 'string' } }, ['value'])),
    when('op', ['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith'], obj({ value: { type: ['string', 'number', 'boolean'] } }, ['value'])),
  ],
};

const audience = obj({
  pages: { type: 'array', items: ref('pageRule'), description: 'Any of these pages; empty means every page.' },
  excludePages: { type: 'array', items: ref('pageRule') },
  visitor: { enum: ['anonymous', 'known', 'any'], default: 'any', description: 'anonymous = the lead has no email.' },
  conditions: { type: 'array', items: ref('condition'), description: 'All of these must hold.' },
  devices: { type: 'array', items: { enum: ['desktop', 'mobile'] } },
  schedule: obj({
    from: { type: 'string', pattern: DATE.source, description: 'First day, YYYY-MM-DD, in the schedule\'s time zone.' },
    until: { type: 'string', pattern: DATE.source, description: 'Last day, YYYY-MM-DD, in the schedule\'s time zone.' },
    timeZone: { ...text, description: 'An IANA time zone such as Europe/Rome (default UTC).' },
    days: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 7 }, description: 'ISO weekdays: 1 = Monday … 7 = Sunday; empty or left out means every day.' },
    hours: pair,
  }),
});

const trigger = {
  ...obj({ on: { enum: TRIGGERS } }, ['on']),
  allOf: [
    when('on', ['timeOnPage', 'timeOnSite', 'idle'], obj({ seconds: { type: 'number', minimum: 0 } }, ['seconds'])),
    when('on', ['scroll'], obj({ percent: { type: 'number', minimum: 0, maximum: 100 } }, ['percent'])),
    when('on', ['click'], obj({ selector: text }, ['selector'])),
  ],
};

const cards = {
  card: { ...obj({ type: { enum: CARD_TYPES } }, ['type']), allOf: CARD_TYPES.map((type) => when('type', [type], ref(`${type}Card`))) },
  messageCard: obj({ text, next }, ['text'], { description: 'The bot says text (small markdown and tokens allowed).' }),
  option: obj({ label: text, value: { type: 'string', description: 'What is stored; the label when left out.' }, next, url: ref('link') }, ['label']),
  choiceCard: obj({ text, options: { type: 'array', minItems: 1, items: ref('option') }, field: ref('fieldName'), next }, ['text', 'options'], { description: 'Buttons; the pick is the answer.' }),
  inputCard: obj({
    text,
    field: ref('fieldName'),
    kind: { enum: INPUT_KINDS, default: 'text' },
    required: { type: 'boolean', default: true },
    placeholder: { type: 'string' },
    error: { ...text, description: 'Shown when the value is refused; a default fits each kind.' },
    skipIfKnown: { type: 'boolean', default: false, description: 'Pass the card over when the lead already has the field.' },
    next,
  }, ['text', 'field'], { description: 'Free text or a lead field, checked by kind.' }),
  meetingCard: obj({
    text,
    durationMinutes: { type: 'integer', minimum: DURATION_MINUTES[0], maximum: DURATION_MINUTES[1] },
    daysAhead: { type: 'integer', minimum: DAYS_AHEAD[0], maximum: DAYS_AHEAD[1], default: 14 },
    agents: { type: 'array', minItems: 1, items: { type: 'string' }, description: 'Agent ids; leave out to use every agent.' },
    next,
    fallback: { ...cardId, description: 'Where to go when no agent has a free slot.' },
  }, ['text', 'durationMinutes'], { description: 'A slot picker; books with the next agent in round-robin order.' }),
  rule: obj({ when: { anyOf: [ref('condition'), { type: 'array', minItems: 1, items: ref('condition') }] }, next: cardId }, ['when', 'next']),
  branchCard: obj({ rules: { type: 'array', items: ref('rule') }, otherwise: cardId }, ['rules', 'otherwise'], { description: 'Silent: goes to the first rule whose conditions all hold.' }),
  goalCard: obj({ name: text, next }, ['name'], { description: 'Silent: records a conversion.' }),
  endCard: obj({ text: { type: 'string' } }, [], { description: 'The dialogue is completed, with an optional last message.' }),
};

/** The flow document's JSON Schema, built from the constants validateFlow itself uses. */
export function buildSchema() {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://dynamic-chat.dev/flow.schema.json',
    title: 'dynamic-chat flow',
    description: 'A dynamic-chat flow document: settings, sales agents and the dialogues the <dynamic-chat> element plays. validateFlow() also checks what a schema cannot: links between cards, unreachable cards, endless loops, duplicate ids, agent names, regular expressions and time zones.',
    ...obj({
      $schema: { type: 'string' },
      version: { const: 1, description: 'Always 1.' },
      settings: ref('settings'),
      agents: { type: 'array', items: ref('agent'), description: 'Sales agents, in round-robin routing order.' },
      dialogues: { type: 'array', items: ref('dialogue') },
    }, ['version', 'dialogues']),
    $defs: {
      text,
      clockTime: { type: 'string', pattern: CLOCK_TIME.source, description: '24-hour time, HH:MM.' },
      color: { type: 'string', pattern: COLOR.source, description: 'A color: #rgb, #rgba, #rrggbb, #rrggbbaa, rgb(…) or hsl(…). Named colors are not accepted.' },
      link: { type: 'string', pattern: SAFE_URL.source, description: 'https://…, http://…, mailto:…, tel:… or a path starting with /.' },
      fieldName: { type: 'string', pattern: FIELD_NAME.source, not: { enum: RESERVED_FIELDS }, description: 'The lead field the answer is saved to (lead.<field>); writing email makes the visitor known.' },
      settings,
      theme,
      agent,
      dialogue,
      pageRule,
      condition,
      audience,
      trigger,
      ...cards,
    },
  };
}
