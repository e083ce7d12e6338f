/** validateFlow's checks of `settings` (theme, meetings, blocked domains) and `agents`. */
import {
  CLOCK_TIME, Problems, booleanField, checkKeys, choiceField, has, isObject, isValidTimeZone, kindOf, listField,
  numberField, objectField, pointer, quote, textField, type JsonObject,
} from './validate-util.js';

/**
 * Colors the theme accepts: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`/`rgba()`/`hsl()`/`hsla()`.
 * Named colors are refused on purpose: one strict grammar keeps a theme value from smuggling
 * other CSS into the widget's custom properties, and the message tells the author what to write.
 */
export const COLOR = /^(?:#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|(?:rgba?|hsla?)\(\s*-?[0-9.]+(?:deg|%)?(?:(?:\s*,\s*|\s+)-?[0-9.]+%?){2}(?:\s*[,/]\s*[0-9.]+%?)?\s*\))$/;

/** Links a flow may open: web pages, mail, phone, or a path on the same site. */
export const SAFE_URL = /^(?:https?:\/\/|mailto:|tel:|\/)/;

/** A blocked email domain, optionally written with a leading `@`. */
export const DOMAIN = /^@?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;

/** The most blocked email domains a flow may list. */
export const MAX_BLOCKED_DOMAINS = 50;

/** The longest response delay accepted (a bigger one is almost surely seconds typed as ms). */
export const MAX_RESPONSE_DELAY_MS = 10000;

/** Weekday keys of an agent's weekly hours. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const SETTINGS_KEYS = new Set(['botName', 'avatarUrl', 'responseDelayMs', 'theme', 'locale', 'autoOpen', 'enabled', 'privacyUrl', 'blockedEmailDomains', 'meetings']);
const THEME_KEYS = new Set(['fontFamily', 'primaryColor', 'backgroundColor', 'textColor', 'botBubbleColor', 'visitorBubbleColor', 'radius', 'position', 'offset']);
const THEME_COLORS = ['primaryColor', 'backgroundColor', 'textColor', 'botBubbleColor', 'visitorBubbleColor'];
const MEETING_KEYS = new Set(['inviteMessage', 'minNoticeHours', 'bufferMinutes']);
const AGENT_KEYS = new Set(['id', 'name', 'email', 'avatarUrl', 'timeZone', 'weekly']);

/** Checks a link field against SAFE_URL. */
export function urlField(p: Problems, obj: JsonObject, key: string, path: string, label: string): void {
  const value = textField(p, obj, key, path, label, { nonEmpty: true });
  if (value !== undefined && !SAFE_URL.test(value)) {
    p.error(pointer(path, key), `${label}: "${key}" must start with https://, http://, mailto:, tel: or / (it is ${quote(value)}).`);
  }
}

function checkLocale(p: Problems, obj: JsonObject, path: string, label: string): void {
  const locale = textField(p, obj, 'locale', path, label, { nonEmpty: true });
  if (locale === undefined) return;
  try {
    Intl.getCanonicalLocales(locale);
  } catch {
    p.error(pointer(path, 'locale'), `${label}: "locale" must be a language tag such as en, de or pt-BR, not ${quote(locale)}.`);
  }
}

function checkTheme(p: Problems, theme: JsonObject, path: string): void {
  const label = 'Theme';
  checkKeys(p, theme, path, label, THEME_KEYS);
  textField(p, theme, 'fontFamily', path, label, { nonEmpty: true });
  for (const key of THEME_COLORS) {
    const color = textField(p, theme, key, path, label);
    if (color !== undefined && !COLOR.test(color)) {
      p.error(pointer(path, key), `${label}: "${key}" must be a color written as #rrggbb, #rgb, rgb(…) or hsl(…), not ${quote(color)}.`);
    }
  }
  numberField(p, theme, 'radius', path, label, { min: 0 });
  numberField(p, theme, 'offset', path, label, { min: 0 });
  choiceField(p, theme, 'position', path, label, ['bottom-right', 'bottom-left']);
}

function checkBlockedDomains(p: Problems, settings: JsonObject, path: string): void {
  const list = listField(p, settings, 'blockedEmailDomains', path, 'Settings');
  if (!list) return;
  const at = pointer(path, 'blockedEmailDomains');
  if (list.length > MAX_BLOCKED_DOMAINS) {
    p.error(at, `Settings: at most ${MAX_BLOCKED_DOMAINS} blocked email domains are allowed; this flow lists ${list.length}.`);
  }
  list.forEach((domain, i) => {
    if (typeof domain !== 'string' || !DOMAIN.test(domain)) {
      const shown = typeof domain === 'string' ? quote(domain) : kindOf(domain);
      p.error(pointer(at, i), `Settings: a blocked email domain must look like competitor.com, not ${shown}.`);
    }
  });
}

/** Checks `settings`; every key is optional. */
export function checkSettings(p: Problems, settings: JsonObject, path: string): void {
  const label = 'Settings';
  checkKeys(p, settings, path, label, SETTINGS_KEYS);
  textField(p, settings, 'botName', path, label, { nonEmpty: true });
  textField(p, settings, 'avatarUrl', path, label, { nonEmpty: true });
  numberField(p, settings, 'responseDelayMs', path, label, { min: 0, max: MAX_RESPONSE_DELAY_MS });
  const theme = objectField(p, settings, 'theme', path, label);
  if (theme) checkTheme(p, theme, pointer(path, 'theme'));
  checkLocale(p, settings, path, label);
  booleanField(p, settings, 'autoOpen', path, label);
  booleanField(p, settings, 'enabled', path, label);
  urlField(p, settings, 'privacyUrl', path, label);
  checkBlockedDomains(p, settings, path);
  const meetings = objectField(p, settings, 'meetings', path, label);
  if (meetings) {
    const at = pointer(path, 'meetings');
    checkKeys(p, meetings, at, 'Meeting settings', MEETING_KEYS);
    textField(p, meetings, 'inviteMessage', at, 'Meeting settings');
    numberField(p, meetings, 'minNoticeHours', at, 'Meeting settings', { min: 0 });
    numberField(p, meetings, 'bufferMinutes', at, 'Meeting settings', { min: 0 });
  }
}

function checkWeekly(p: Problems, weekly: JsonObject, path: string, label: string): void {
  for (const day of Object.keys(weekly)) {
    const at = pointer(path, day);
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      p.error(at, `${label}: weekly hours use the days ${WEEKDAYS.join(', ')}, not "${day}".`);
      continue;
    }
    const ranges = weekly[day];
    if (!Array.isArray(ranges)) {
      p.error(at, `${label}: the hours of ${day} must be a list of ["09:00", "17:00"] pairs, not ${kindOf(ranges)}.`);
      continue;
    }
    ranges.forEach((range, i) => {
      const ok = Array.isArray(range) && range.length === 2 && range.every((t) => typeof t === 'string' && CLOCK_TIME.test(t));
      if (!ok) {
        p.error(pointer(at, i), `${label}: each range of ${day} must be a pair of 24-hour times such as ["09:00", "17:00"].`);
      } else if (range[0] >= range[1]) {
        p.error(pointer(at, i), `${label}: on ${day}, ${range[0]}–${range[1]} ends before it starts.`);
      }
    });
  }
}

function checkAgent(p: Problems, agent: unknown, path: string, ids: Set<string>): void {
  if (!isObject(agent)) {
    p.error(path, `Each agent must be an object with an id and a name, not ${kindOf(agent)}.`);
    return;
  }
  const id = textField(p, agent, 'id', path, 'An agent', { required: true, nonEmpty: true });
  const label = id === undefined ? 'An agent' : `Agent ${quote(id)}`;
  if (id !== undefined) {
    if (ids.has(id)) p.error(pointer(path, 'id'), `Two agents share the id ${quote(id)}; agent ids must be unique.`);
    ids.add(id);
  }
  checkKeys(p, agent, path, label, AGENT_KEYS);
  textField(p, agent, 'name', path, label, { required: true, nonEmpty: true });
  textField(p, agent, 'email', path, label, { nonEmpty: true });
  textField(p, agent, 'avatarUrl', path, label, { nonEmpty: true });
  const zone = textField(p, agent, 'timeZone', path, label, { nonEmpty: true });
  if (zone !== undefined && !isValidTimeZone(zone)) {
    p.error(pointer(path, 'timeZone'), `${label}: ${quote(zone)} is not a time zone; use a name such as Europe/Rome or America/New_York.`);
  }
  const weekly = objectField(p, agent, 'weekly', path, label);
  if (weekly) checkWeekly(p, weekly, pointer(path, 'weekly'), label);
}

/** What meeting cards may name: the agent ids, and whether the list could be read at all. */
export interface AgentList {
  ids: Set<string>;
  /** False when `agents` is not a list (already reported), so cards are not blamed too. */
  readable: boolean;
}

/** Checks `agents` and returns their ids. */
export function checkAgents(p: Problems, root: JsonObject): AgentList {
  const ids = new Set<string>();
  const agents = listField(p, root, 'agents', '', 'The flow');
  if (!agents) return { ids, readable: !has(root, 'agents') };
  agents.forEach((agent, i) => checkAgent(p, agent, pointer('/agents', i), ids));
  return { ids, readable: true };
}
