/** WCAG 2 contrast of flow colours: validateFlow's warnings and the text colour picked for primaryColor. */
import type { ThemeSettings } from './types.js';

/** The contrast WCAG 2.2 AA asks of text (1.4.3). */
export const MIN_CONTRAST = 4.5;

/** The light theme's colours (as styles.ts paints them), for a pair the flow sets only one side of. */
export const LIGHT_THEME: ThemeSettings = { textColor: '#1f2933', backgroundColor: '#fff', botBubbleColor: '#eef0f3', primaryColor: '#3b5bdb' };

/** Red, green and blue (0–255) of a colour in validateFlow's grammar (hex, rgb(), hsl()); alpha is ignored. */
export function parseColor(color: string): number[] {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(color)?.[1];
  if (hex) {
    const full = hex.length < 5 ? hex.replace(/./g, '$&$&') : hex;
    return [0, 2, 4].map((k) => parseInt(full.slice(k, k + 2), 16));
  }
  const rgb = /^rgb/i.test(color);
  const [h, s, l] = (color.match(/-?[0-9.]+%?/g) ?? []).map((n) => parseFloat(n) * (rgb && n.endsWith('%') ? 2.55 : 1));
  if (rgb) return [h, s, l];
  // CSS Color 4's hsl-to-rgb.
  const f = (n: number) => {
    const k = (((n + h / 30) % 12) + 12) % 12;
    const light = l / 100;
    return 255 * (light - (s / 100) * Math.min(light, 1 - light) * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
  };
  return [f(0), f(8), f(4)];
}

function luminance(color: string): number {
  return parseColor(color)
    .map((v) => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, k) => sum + v * [0.2126, 0.7152, 0.0722][k], 0);
}

/** The contrast ratio of two colours, from 1 (none) to 21 (black on white). */
export function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

/** Black or white, whichever reads better on every one of the backgrounds, as Intercom picks button text. */
export function readableOn(...backgrounds: string[]): string {
  const worst = (text: string) => Math.min(...backgrounds.map((background) => contrast(text, background)));
  return worst('#000') > worst('#fff') ? '#000' : '#fff';
}
