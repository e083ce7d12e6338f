/** validateFlow's description of cards, by type; each card's links are collected for the graph checks. */
import { isSafeHref } from './markdown.js';
import { TOKEN } from './tokens.js';
import { CONDITION_FIELD, FIELDS, condition } from './validate-audience.js';
import { URL_CHECK } from './validate-settings.js';
import { has, isFilled, isObject, isText, type JsonObject } from './guards.js';
import {
  ANY, BOOLEAN, FILLED, TEXT, is, listOf, matching, notEmpty, number, oneOf, pointer, quote, report, shape, variant, type Check, type Run,
} from './validate-util.js';

/** A lead field a card may write; `company` holds the company object and is not a field. */
export const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Field names that would clobber something: the company object, or the object prototype. */
export const RESERVED_FIELDS = ['company', '__proto__'];

/** Meeting lengths a meeting card may ask for, in minutes: [shortest, longest]. */
export const DURATION_MINUTES = [5, 480] as const;

/** How far ahead a meeting card may offer slots, in days: [least, most]. */
export const DAYS_AHEAD = [1, 365] as const;

/** Input kinds of contract §2. */
export const INPUT_KINDS = ['text', 'email', 'phone', 'name', 'number', 'url'];

/** What the graph checks need to know about a card. */
export interface CardNode {
  /** The cards it may go on to (each one exists). */
  links: string[];
  /** True when it moves on without the visitor (message, branch, goal, end). */
  silent: boolean;
}

/** True for the id of a card of the dialogue being checked. */
const isCardId = (value: unknown, run: Run): boolean => isFilled(value) && (!run.cards || has(run.cards, value));

// True when `field` reads `answers.<cardId>` of a card this dialogue does not have.
const namesNoCard = (run: Run, field: string): boolean => field.startsWith('answers.') && !isCardId(field.slice(8), run);

/** The id of a card of this dialogue (a dialogue's `start`). */
export const CARD_ID = is('the id of a card of this dialogue', isCardId);

// A link to another card (`next`, `otherwise`, `fallback`), remembered for the graph checks.
const LINK = is<string>('the id of a card of this dialogue', isCardId, (run, target) => run.links.push(target));

// What a token may read.
const TOKEN_ROOT = /^(?:lead|company|answers|page)\./;
// The target of a markdown link, `[label](target)`.
const LINK_TARGET = /\]\(([^)]*)\)/g;

/** Text a card shows: warns about links that will not be links and tokens that can never show anything. */
function cardText(filled: boolean): Check {
  return is<string>(filled ? 'non-empty text' : 'text', filled ? isFilled : isText, (run, text, path) => {
    // The includes() checks skip the patterns for the many texts with no link or token: big flows validate fast.
    if (text.includes('](')) {
      for (const [, href] of text.matchAll(LINK_TARGET)) {
        if (!isSafeHref(href.trim())) report(run, path, `The link to ${quote(href)} will show as plain text; links may only go to https:, http:, mailto: or tel: addresses.`, 'warning');
      }
    }
    if (text.includes('{{')) {
      // A copy of the shared global pattern, so its lastIndex never matters here.
      for (const [, field] of text.matchAll(new RegExp(TOKEN))) {
        if (!TOKEN_ROOT.test(field) || namesNoCard(run, field)) {
          report(run, path, `The token {{${field}}} shows nothing; tokens read ${FIELDS}.`, 'warning');
        }
      }
    }
  });
}

const TEXT_CHECK = cardText(true);
const isFieldName = matching(FIELD_NAME);
const FIELD = is('a lead field name such as email or jobTitle (letters, digits, - and _; not company)', (value) =>
  isFieldName(value) && !RESERVED_FIELDS.includes(value as string));

const OPTION = shape({ label: FILLED, value: TEXT, next: LINK, url: URL_CHECK }, ['label']);

// A branch condition may read the answer of a card of its own dialogue.
const isConditionField = matching(CONDITION_FIELD);
const BRANCH_CONDITION = condition((field, run) => isConditionField(field) && !namesNoCard(run, field as string));
const CONDITIONS = listOf(BRANCH_CONDITION, 'a condition or a non-empty list of conditions', notEmpty);

const RULE = shape({
  when: (run, value, path) => (Array.isArray(value) ? CONDITIONS : BRANCH_CONDITION)(run, value, path),
  next: LINK,
}, ['when', 'next']);

const AGENT_ID = is('the id of an agent in the flow\'s "agents"', (value, run) => isText(value) && (!run.agents || run.agents.has(value)));

/** Cards by type (contract §2). */
export const CARD_SHAPES: Record<string, Check> = {
  message: shape({ type: ANY, text: TEXT_CHECK, next: LINK }, ['text']),
  choice: shape({
    type: ANY,
    text: TEXT_CHECK,
    options: listOf(OPTION, 'a list of at least one option', notEmpty),
    field: FIELD,
    next: LINK,
  }, ['text', 'options']),
  input: shape({
    type: ANY,
    text: TEXT_CHECK,
    field: FIELD,
    kind: oneOf(INPUT_KINDS),
    required: BOOLEAN,
    placeholder: TEXT,
    error: FILLED,
    skipIfKnown: BOOLEAN,
    next: LINK,
  }, ['text', 'field']),
  meeting: shape({
    type: ANY,
    text: TEXT_CHECK,
    durationMinutes: number(...DURATION_MINUTES, true),
    agents: listOf(AGENT_ID, 'a list of at least one agent id (leave "agents" out to use every agent)', notEmpty),
    daysAhead: number(...DAYS_AHEAD, true),
    next: LINK,
    fallback: LINK,
  }, ['text', 'durationMinutes'], (run, card, path) => {
    if (run.agents?.size === 0 && !has(card, 'agents')) report(run, path, 'The flow has no agents to book this meeting with; add them to its "agents" list.');
  }),
  branch: shape({ type: ANY, rules: listOf(RULE), otherwise: LINK }, ['rules', 'otherwise']),
  goal: shape({ type: ANY, name: FILLED, next: LINK }, ['name']),
  end: shape({ type: ANY, text: cardText(false) }),
};

const CARD = variant('type', CARD_SHAPES);
const SILENT = ['message', 'branch', 'goal', 'end'];

/** A dialogue's `cards`: checks each card and collects the nodes of the graph checks in `nodes`. */
export function checkCards(run: Run, cards: JsonObject, path: string, nodes: Map<string, CardNode>): void {
  for (const id of Object.keys(cards)) {
    const card = cards[id];
    const at = pointer(path, id);
    run.links = [];
    if (id === '') report(run, at, 'A card id must not be empty.');
    CARD(run, card, at);
    nodes.set(id, { links: run.links, silent: isObject(card) && SILENT.includes(card.type as string) });
  }
}
