/** validateFlow's description of `settings` (theme, meetings, blocked domains) and `agents`. */
import { LIGHT_THEME, MIN_CONTRAST, contrast, readableOn } from './contrast.js';
import type { ThemeSettings } from './types.js';
import { has, isFilled, type JsonObject } from './guards.js';
import {
  BOOLEAN, FILLED, TEXT, TIME_ZONE, clockPair, is, listOf, matching, number, oneOf, pointer, quote, report, shape, type Check, type Run,
} from './validate-util.js';

/**
 * Colors the theme accepts: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`/`rgba()`/`hsl()`/`hsla()`.
 * Named colors are refused on purpose: one strict grammar keeps a theme value from smuggling
 * other CSS into the widget's custom properties, and the message tells the author what to write.
 */
export const COLOR = /^(?:#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|(?:rgba?|hsla?)\(\s*-?[0-9.]+(?:deg|%)?(?:(?:\s*,\s*|\s+)-?[0-9.]+%?){2}(?:\s*[,/]\s*[0-9.]+%?)?\s*\))$/;

/** Links a flow may open: web pages, mail, phone, or a path on the same site. */
export const SAFE_URL = /^(?:https?:\/\/|mailto:|tel:|\/)/;

/** A blocked email domain, optionally written with a leading `@`, in ASCII (punycode) or Unicode (`пример.рф`). */
export const DOMAIN = /^@?[A-Za-z0-9\u00A1-\uFFFF-]+(?:\.[A-Za-z0-9\u00A1-\uFFFF-]+)+$/;

/** The most blocked email domains a flow may list. */
export const MAX_BLOCKED_DOMAINS = 50;

/** The longest response delay accepted (a bigger one is almost surely seconds typed as ms). */
export const MAX_RESPONSE_DELAY_MS = 10000;

/** Weekday keys of an agent's weekly hours. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A link a flow may open (`privacyUrl`, an option's `url`). */
export const URL_CHECK = is('a link starting with https://, http://, mailto:, tel: or /', matching(SAFE_URL));

const isColor = matching(COLOR);
const COLOR_CHECK = is('a color written as #rrggbb, #rgb, rgb(…) or hsl(…)', isColor);

type Color = Exclude<keyof ThemeSettings, 'fontFamily' | 'radius' | 'position' | 'offset'>;
// What a visitor reads on what, as styles.ts paints it: [text, background], and [shape, background,
// 3] for what must only be seen: primary buttons and the focus ring on the panel (non-text contrast).
const PAIRS: Array<[Color, Color, number?]> = [
  ['textColor', 'backgroundColor'], ['textColor', 'botBubbleColor'], ['onPrimaryColor', 'primaryColor'], ['onPrimaryColor', 'visitorBubbleColor'],
  ['primaryColor', 'backgroundColor', 3],
];

// Warns about text below WCAG AA's 4.5:1 on its background, and shapes below 3:1; a colour the flow
// leaves out is the light theme's, and without onPrimaryColor the widget's own pick (see ui/theme.ts) is judged.
function checkContrast(run: Run, theme: JsonObject, path: string): void {
  const colors: ThemeSettings = { ...LIGHT_THEME };
  for (const key in theme) if (isColor(theme[key])) colors[key as Color] = theme[key] as string;
  const get = (key: Color): string => colors[key] ?? (key === 'visitorBubbleColor' ? get('primaryColor') : readableOn(get('primaryColor'), get('visitorBubbleColor')));
  for (const [text, background, min = MIN_CONTRAST] of PAIRS) {
    // Visitor bubbles without a colour of their own are the primary, judged already.
    if (!colors[background]) continue;
    const ratio = contrast(get(text), get(background));
    if (ratio < min) {
      const what = min < MIN_CONTRAST ? 'buttons and focus rings, so some visitors cannot see them' : 'text, so some visitors cannot read it';
      report(run, pointer(path, has(theme, text) ? text : background), `${text} ${get(text)} on ${background} ${get(background)} has a contrast of ${Math.floor(ratio * 100) / 100}:1, below the ${min}:1 WCAG AA asks for ${what}.`, 'warning');
    }
  }
}
const AT_LEAST_0 = number(0);

function isLocale(value: unknown): boolean {
  try {
    return isFilled(value) && Intl.getCanonicalLocales(value).length > 0;
  } catch {
    return false;
  }
}

/** `settings`: every key is optional. */
export const SETTINGS = shape({
  botName: FILLED,
  avatarUrl: FILLED,
  responseDelayMs: number(0, MAX_RESPONSE_DELAY_MS),
  theme: shape({
    fontFamily: FILLED,
    primaryColor: COLOR_CHECK,
    onPrimaryColor: COLOR_CHECK,
    backgroundColor: COLOR_CHECK,
    textColor: COLOR_CHECK,
    botBubbleColor: COLOR_CHECK,
    visitorBubbleColor: COLOR_CHECK,
    radius: AT_LEAST_0,
    position: oneOf(['bottom-right', 'bottom-left']),
    offset: AT_LEAST_0,
  }, [], checkContrast),
  locale: is('a language tag such as en, de or pt-BR', isLocale),
  autoOpen: BOOLEAN,
  enabled: BOOLEAN,
  privacyUrl: URL_CHECK,
  blockedEmailDomains: listOf(
    is('a domain such as competitor.com', matching(DOMAIN)),
    `a list of at most ${MAX_BLOCKED_DOMAINS} domains`,
    (list) => list.length <= MAX_BLOCKED_DOMAINS,
  ),
  meetings: shape({ inviteMessage: TEXT, minNoticeHours: AT_LEAST_0, bufferMinutes: AT_LEAST_0 }),
});

// Each weekday holds ["09:00", "17:00"] ranges that end after they start.
const RANGES = listOf(clockPair((run, [from, until], path) => {
  if (from >= until) report(run, path, `The range ${from}–${until} ends before it starts.`);
}));

/** An id no earlier agent or dialogue has; the run remembers it with the path of its object. */
export function uniqueId(kind: 'agents' | 'dialogues'): Check {
  return is<string>('non-empty text', isFilled, (run, id, path) => {
    // Agents are only checked in a list, so the run has their map.
    const seen = run[kind]!;
    const first = seen.get(id);
    if (first !== undefined) report(run, path, `Two ${kind} share the id ${quote(id)} (also ${first}); ids must be unique.`);
    else seen.set(id, path.slice(0, path.lastIndexOf('/')));
  });
}

const AGENT = shape({
  id: uniqueId('agents'),
  name: FILLED,
  email: FILLED,
  avatarUrl: FILLED,
  timeZone: TIME_ZONE,
  weekly: shape(Object.fromEntries(WEEKDAYS.map((day) => [day, RANGES])), [], undefined, true),
}, ['id', 'name']);

const AGENT_LIST = listOf(AGENT);

/** `agents`: meeting cards may name them once the list could be read. */
export const AGENTS: Check = (run, value, path) => {
  if (!Array.isArray(value)) run.agents = undefined;
  AGENT_LIST(run, value, path);
};
