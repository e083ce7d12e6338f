/** `settings.theme` → the public `--dc-*` custom properties, in one lookup table. */
import { LIGHT_THEME, contrast, readableOn, type ThemeSettings } from '../engine/index.js';

type ThemeKey = Exclude<keyof ThemeSettings, 'position'>;

/**
 * Every theme key and the public custom property it sets. `surface` colors give way to the
 * bundled dark palette when the dark theme is active, so `theme="dark"` stays readable.
 */
export const THEME_TOKENS: ReadonlyArray<{ key: ThemeKey; property: string; unit?: 'px'; surface?: boolean }> = [
  { key: 'fontFamily', property: '--dc-font-family' },
  { key: 'primaryColor', property: '--dc-primary-color' },
  { key: 'onPrimaryColor', property: '--dc-on-primary-color' },
  { key: 'backgroundColor', property: '--dc-background-color', surface: true },
  { key: 'textColor', property: '--dc-text-color', surface: true },
  { key: 'botBubbleColor', property: '--dc-bot-bubble-color', surface: true },
  { key: 'visitorBubbleColor', property: '--dc-visitor-bubble-color' },
  { key: 'radius', property: '--dc-radius', unit: 'px' },
  { key: 'offset', property: '--dc-offset', unit: 'px' },
];

/** Public properties a page may set that have no flow setting. */
export const EXTRA_TOKENS = ['--dc-error-color', '--dc-z-index', '--dc-inline-height'] as const;

// Values go through CSSOM (never a style attribute) so a strict CSP allows them; anything
// that could close the declaration is refused rather than trusted.
function safeValue(value: unknown, unit?: 'px'): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? `${value}${unit ?? ''}` : null;
  if (typeof value !== 'string' || value.trim() === '' || /[;{}<>]/.test(value)) return null;
  return value.trim();
}

function put(host: HTMLElement, property: string, value: string | null): void {
  if (value) host.style.setProperty(property, value);
  else host.style.removeProperty(property);
}

/**
 * Applies a flow's theme to the host element. `fontFamily: "inherit"` copies the page's `<body>`
 * font, because a custom property set to `inherit` would inherit itself, not the font.
 * `readableOn` may get a colour validateFlow never saw (an unvalidated theme): NaN contrasts then
 * pick white, the built-in default, and keep the primary as the ring.
 */
export function applyTheme(host: HTMLElement, theme: ThemeSettings | undefined, dark: boolean): void {
  const body = host.ownerDocument.body;
  for (const { key, property, unit, surface } of THEME_TOKENS) {
    let value = dark && surface ? null : safeValue(theme?.[key], unit);
    if (key === 'fontFamily' && value === 'inherit') value = body ? getComputedStyle(body).fontFamily || null : null;
    put(host, property, value);
  }
  const primary = safeValue(theme?.primaryColor);
  const visitor = safeValue(theme?.visitorBubbleColor);
  const background = safeValue(theme?.backgroundColor);
  const ownPrimary = primary ?? LIGHT_THEME.primaryColor!;
  // Private, under the public tokens, so a page's --dc-on-primary-color or --dc-focus-ring-color
  // still wins. Text on a flow's primary (and visitor bubbles) is black or white, whichever reads
  // better there: white on a light primary such as #8ecbff would be 1.73:1.
  put(host, '--_auto-on-primary', primary || visitor ? readableOn(ownPrimary, visitor ?? ownPrimary) : null);
  // The light panel's ring is the primary where that has 3:1 on the panel (WCAG 1.4.11), else
  // black or white; the dark palette has its own ring.
  const panel = background ?? LIGHT_THEME.backgroundColor!;
  put(host, '--_auto-ring', contrast(ownPrimary, panel) < 3 ? readableOn(panel) : null);
}
