/** validateFlow's checks of one card, by type; links to other cards are collected for the graph. */
import { isSafeHref } from './markdown.js';
import { tokenPaths } from './tokens.js';
import { checkCondition } from './validate-audience.js';
import { urlField, type AgentList } from './validate-settings.js';
import {
  Problems, booleanField, checkKeys, choiceField, has, isObject, kindOf, listField, numberField, pointer, quote,
  textField, type JsonObject,
} from './validate-util.js';

/** Card types of contract §2. */
export const CARD_TYPES = ['message', 'choice', 'input', 'meeting', 'branch', 'goal', 'end'] as const;

/** A card type. */
export type CardType = (typeof CARD_TYPES)[number];

/** Input kinds of contract §2. */
export const INPUT_KINDS = ['text', 'email', 'phone', 'name', 'number', 'url'] as const;

/** A lead field a card may write; `company` holds the company object and is not a field. */
export const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Field names that would clobber something: the company object, or the object prototype. */
export const RESERVED_FIELDS = ['company', '__proto__'];

/** Meeting lengths a meeting card may ask for, in minutes. */
export const DURATION_MINUTES = { min: 5, max: 480 } as const;

/** How far ahead a meeting card may offer slots, in days. */
export const DAYS_AHEAD = { min: 1, max: 365 } as const;

/** A reference from one card to another (`next`, `otherwise`, `fallback`, an option's or rule's `next`). */
export interface Edge {
  /** Path of the object holding the link; with `key`, where a dangling link is reported. */
  owner: string;
  key: string;
  target: string;
}

/** What the graph checks need to know about a card. */
export interface CardInfo {
  /** Undefined when the type is unknown (already reported). */
  type: CardType | undefined;
  /** Where the conversation may go next. */
  edges: Edge[];
}

/** What every card check may consult. */
export interface CardContext {
  agents: AgentList;
  /** The dialogue's `cards` object, to check `answers.<cardId>` references. */
  cards: JsonObject;
}

const KEYS: Record<CardType, Set<string>> = {
  message: new Set(['type', 'text', 'next']),
  choice: new Set(['type', 'text', 'options', 'field', 'next']),
  input: new Set(['type', 'text', 'field', 'kind', 'required', 'placeholder', 'error', 'skipIfKnown', 'next']),
  meeting: new Set(['type', 'text', 'durationMinutes', 'agents', 'daysAhead', 'next', 'fallback']),
  branch: new Set(['type', 'rules', 'otherwise']),
  goal: new Set(['type', 'name', 'next']),
  end: new Set(['type', 'text']),
};
const TOKEN_ROOTS = new Set(['lead', 'company', 'answers', 'page']);
// The target of a markdown link, `[label](target)`.
const LINK_TARGET = /\]\(([^)]*)\)/g;
const OPTION_KEYS = new Set(['label', 'value', 'next', 'url']);
const RULE_KEYS = new Set(['when', 'next']);

function link(p: Problems, obj: JsonObject, key: string, path: string, label: string, edges: Edge[], required = false): void {
  const target = textField(p, obj, key, path, label, { required, nonEmpty: true });
  if (target !== undefined) edges.push({ owner: path, key, target });
}

function answerRef(p: Problems, field: string, path: string, label: string, ctx: CardContext): void {
  if (!field.startsWith('answers.')) return;
  const cardId = field.slice('answers.'.length);
  if (!has(ctx.cards, cardId)) p.error(path, `${label}: ${quote(field)} reads the answer of card ${quote(cardId)}, but this dialogue has no such card.`);
}

/** Warns about links that will not be links and tokens that can never show anything. */
function checkText(p: Problems, obj: JsonObject, key: string, path: string, label: string, ctx: CardContext, required: boolean): void {
  const text = textField(p, obj, key, path, label, { required, nonEmpty: required });
  if (text === undefined) return;
  if (text.includes('](')) {
    for (const [, href] of text.matchAll(LINK_TARGET)) {
      if (!isSafeHref(href.trim())) {
        p.warn(pointer(path, key), `${label}: the link to ${quote(href)} will show as plain text; links may only go to https:, http:, mailto: or tel: addresses.`);
      }
    }
  }
  if (!text.includes('{{')) return;
  for (const field of tokenPaths(text)) {
    const root = field.slice(0, field.indexOf('.'));
    if (!TOKEN_ROOTS.has(root)) {
      p.warn(pointer(path, key), `${label}: the token {{${field}}} shows nothing; tokens start with lead., company., answers. or page.`);
    } else if (root === 'answers' && !has(ctx.cards, field.slice('answers.'.length))) {
      p.warn(pointer(path, key), `${label}: the token {{${field}}} shows nothing; this dialogue has no card ${quote(field.slice('answers.'.length))}.`);
    }
  }
}

function checkField(p: Problems, card: JsonObject, path: string, label: string, required: boolean): void {
  const field = textField(p, card, 'field', path, label, { required, nonEmpty: true });
  if (field === undefined) return;
  if (!FIELD_NAME.test(field) || RESERVED_FIELDS.includes(field)) {
    p.error(pointer(path, 'field'), `${label}: ${quote(field)} cannot be a lead field; use letters, digits, - and _ (such as email or jobTitle), and not "company".`);
  }
}

function checkOptions(p: Problems, card: JsonObject, path: string, label: string, edges: Edge[]): void {
  const options = listField(p, card, 'options', path, label, true);
  if (!options) return;
  const at = pointer(path, 'options');
  if (options.length === 0) p.error(at, `${label} has no options; a choice needs at least one button.`);
  options.forEach((option, i) => {
    const optionPath = pointer(at, i);
    const optionLabel = `${label}, option ${i + 1}`;
    if (!isObject(option)) {
      p.error(optionPath, `${optionLabel} must be an object such as { "label": "Yes", "next": "thanks" }, not ${kindOf(option)}.`);
      return;
    }
    checkKeys(p, option, optionPath, optionLabel, OPTION_KEYS);
    textField(p, option, 'label', optionPath, optionLabel, { required: true, nonEmpty: true });
    textField(p, option, 'value', optionPath, optionLabel);
    link(p, option, 'next', optionPath, optionLabel, edges);
    urlField(p, option, 'url', optionPath, optionLabel);
  });
}

function checkMeeting(p: Problems, card: JsonObject, path: string, label: string, ctx: CardContext): void {
  numberField(p, card, 'durationMinutes', path, label, { required: true, integer: true, ...DURATION_MINUTES });
  numberField(p, card, 'daysAhead', path, label, { integer: true, ...DAYS_AHEAD });
  const agents = listField(p, card, 'agents', path, label);
  const at = pointer(path, 'agents');
  if (agents) {
    if (agents.length === 0) p.error(at, `${label}: "agents" is empty, so nobody could take the meeting; list agent ids or leave "agents" out to use every agent.`);
    agents.forEach((id, i) => {
      if (typeof id !== 'string') p.error(pointer(at, i), `${label}: agents are named by their id (text), not ${kindOf(id)}.`);
      else if (ctx.agents.readable && !ctx.agents.ids.has(id)) {
        p.error(pointer(at, i), `${label} names the agent ${quote(id)}, but the flow's "agents" list has no agent with that id.`);
      }
    });
  } else if (ctx.agents.readable && ctx.agents.ids.size === 0 && !has(card, 'agents')) {
    p.error(path, `${label} books meetings, but the flow has no agents; add them to the flow's "agents" list.`);
  }
}

function checkRules(p: Problems, card: JsonObject, path: string, label: string, edges: Edge[], ctx: CardContext): void {
  const rules = listField(p, card, 'rules', path, label, true);
  rules?.forEach((rule, i) => {
    const rulePath = pointer(pointer(path, 'rules'), i);
    const ruleLabel = `${label}, rule ${i + 1}`;
    if (!isObject(rule)) {
      p.error(rulePath, `${ruleLabel} must be an object with "when" and "next", not ${kindOf(rule)}.`);
      return;
    }
    checkKeys(p, rule, rulePath, ruleLabel, RULE_KEYS);
    const whenPath = pointer(rulePath, 'when');
    if (!has(rule, 'when')) p.error(whenPath, `${ruleLabel} needs "when": the condition(s) that send the visitor to its "next".`);
    else if (Array.isArray(rule.when)) {
      if (rule.when.length === 0) p.error(whenPath, `${ruleLabel}: "when" is an empty list; give at least one condition.`);
      rule.when.forEach((c, k) => {
        const field = checkCondition(p, c, pointer(whenPath, k), ruleLabel);
        if (field !== undefined) answerRef(p, field, pointer(pointer(whenPath, k), 'field'), ruleLabel, ctx);
      });
    } else {
      const field = checkCondition(p, rule.when, whenPath, ruleLabel);
      if (field !== undefined) answerRef(p, field, pointer(whenPath, 'field'), ruleLabel, ctx);
    }
    link(p, rule, 'next', rulePath, ruleLabel, edges, true);
  });
  link(p, card, 'otherwise', path, label, edges, true);
}

/** Checks one card and returns its type and links. */
export function checkCard(p: Problems, card: unknown, id: string, path: string, ctx: CardContext): CardInfo {
  const label = `Card ${quote(id)}`;
  const edges: Edge[] = [];
  if (!isObject(card)) {
    p.error(path, `${label} must be an object with a "type", not ${kindOf(card)}.`);
    return { type: undefined, edges };
  }
  const type = choiceField(p, card, 'type', path, label, CARD_TYPES, true);
  if (type === undefined) return { type, edges };
  checkKeys(p, card, path, label, KEYS[type]);
  switch (type) {
    case 'message':
      checkText(p, card, 'text', path, label, ctx, true);
      break;
    case 'choice':
      checkText(p, card, 'text', path, label, ctx, true);
      checkOptions(p, card, path, label, edges);
      checkField(p, card, path, label, false);
      break;
    case 'input':
      checkText(p, card, 'text', path, label, ctx, true);
      checkField(p, card, path, label, true);
      choiceField(p, card, 'kind', path, label, INPUT_KINDS);
      booleanField(p, card, 'required', path, label);
      booleanField(p, card, 'skipIfKnown', path, label);
      textField(p, card, 'placeholder', path, label);
      textField(p, card, 'error', path, label, { nonEmpty: true });
      break;
    case 'meeting':
      checkText(p, card, 'text', path, label, ctx, true);
      checkMeeting(p, card, path, label, ctx);
      link(p, card, 'fallback', path, label, edges);
      break;
    case 'branch':
      checkRules(p, card, path, label, edges, ctx);
      break;
    case 'goal':
      textField(p, card, 'name', path, label, { required: true, nonEmpty: true });
      break;
    case 'end':
      checkText(p, card, 'text', path, label, ctx, false);
      break;
  }
  if (type !== 'branch' && type !== 'end') link(p, card, 'next', path, label, edges);
  return { type, edges };
}
