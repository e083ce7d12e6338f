/** The Look tab: controls that edit `settings` in the flow JSON (and the element's theme attribute). */
import { html, nothing, render } from 'lit';
import { child, editSettings } from './draft.js';
import { $draft, $theme } from './store.js';

const FONTS = ['inherit', 'system-ui, sans-serif', 'Georgia, serif', '"Trebuchet MS", sans-serif', 'ui-monospace, monospace'];
const COLORS: Array<[string, string]> = [
  ['primaryColor', 'Primary (launcher, buttons)'], ['backgroundColor', 'Panel background'], ['textColor', 'Text'],
  ['botBubbleColor', 'Bot bubbles'], ['visitorBubbleColor', 'Visitor bubbles'],
];

const settingsOf = (text: string): Record<string, unknown> | null => {
  try {
    const doc = JSON.parse(text) as { settings?: unknown };
    return typeof doc.settings === 'object' && doc.settings !== null ? doc.settings as Record<string, unknown> : {};
  } catch { return null; }
};

// <input type=color> only holds #rrggbb; other notations are edited as text beside it.
const asHex6 = (value: unknown): string => {
  if (typeof value !== 'string') return '#000000';
  if (/^#[0-9a-f]{6}$/i.test(value)) return value;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value);
  return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : '#000000';
};

/** Mounts the Look tab. */
export function mountLook(host: HTMLElement): void {
  const setTheme = (key: string, value: unknown): void => { editSettings((s) => { child(s, 'theme')[key] = value; }); };
  const set = (key: string, value: unknown): void => { editSettings((s) => { s[key] = value; }); };

  const paint = (): void => {
    const settings = settingsOf($draft.get());
    if (!settings) {
      render(html`<p class="note bad">The JSON does not parse, so these controls are paused. Fix it in the Flow tab.</p>`, host);
      return;
    }
    const theme = (typeof settings.theme === 'object' && settings.theme ? settings.theme : {}) as Record<string, unknown>;
    const delay = typeof settings.responseDelayMs === 'number' ? settings.responseDelayMs : 900;
    const radius = typeof theme.radius === 'number' ? theme.radius : 12;
    const font = typeof theme.fontFamily === 'string' ? theme.fontFamily : 'inherit';
    render(html`
      <div class="grid2">
        <label>Bot name <input id="bot-name" .value=${String(settings.botName ?? '')} @change=${(e: Event) => set('botName', (e.target as HTMLInputElement).value)}></label>
        <label>Theme (element attribute)
          <select id="theme" @change=${(e: Event) => $theme.set((e.target as HTMLSelectElement).value as 'light' | 'dark' | 'auto')}>
            ${(['light', 'dark', 'auto'] as const).map((t) => html`<option value=${t} ?selected=${$theme.get() === t}>${t}</option>`)}
          </select>
        </label>
        <label>Font
          <select id="font" @change=${(e: Event) => setTheme('fontFamily', (e.target as HTMLSelectElement).value)}>
            ${[...new Set([font, ...FONTS])].map((f) => html`<option value=${f} ?selected=${f === font}>${f}</option>`)}
          </select>
        </label>
        <label>Position
          <select id="position" @change=${(e: Event) => setTheme('position', (e.target as HTMLSelectElement).value)}>
            ${['bottom-right', 'bottom-left'].map((p) => html`<option value=${p} ?selected=${(theme.position ?? 'bottom-right') === p}>${p}</option>`)}
          </select>
        </label>
      </div>
      <label>Response delay: <output id="delay-out">${delay} ms</output>
        <input id="delay" type="range" min="0" max="3000" step="100" .value=${String(delay)}
          @input=${(e: Event) => { host.querySelector('#delay-out')!.textContent = `${(e.target as HTMLInputElement).value} ms`; }}
          @change=${(e: Event) => set('responseDelayMs', Number((e.target as HTMLInputElement).value))}>
      </label>
      <label>Corner radius: <output id="radius-out">${radius} px</output>
        <input id="radius" type="range" min="0" max="24" .value=${String(radius)}
          @input=${(e: Event) => { host.querySelector('#radius-out')!.textContent = `${(e.target as HTMLInputElement).value} px`; }}
          @change=${(e: Event) => setTheme('radius', Number((e.target as HTMLInputElement).value))}>
      </label>
      <fieldset>
        <legend>Colors</legend>
        ${COLORS.map(([key, label]) => html`
          <label class="color">
            <input type="color" .value=${asHex6(theme[key])} @change=${(e: Event) => setTheme(key, (e.target as HTMLInputElement).value)}>
            ${label} ${theme[key] === undefined ? html`<span class="note">(default)</span>` : html`<code>${String(theme[key])}</code>`}
          </label>`)}
      </fieldset>
      ${delay > 0 ? html`<button type="button" id="instant" @click=${() => set('responseDelayMs', 0)}>Make replies instant (0 ms)</button>` : nothing}
      <p class="note">Every control rewrites <code>settings</code> in the Flow tab's JSON; the preview follows when it is valid.</p>`, host);
  };
  $draft.subscribe(paint);
  $theme.subscribe(paint);
}
