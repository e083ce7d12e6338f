/** The widget's shadow styles: public `--dc-*` tokens mapped once to private `--_*` ones. */
import { css } from 'lit';

/** Shadow-root styles of `<dynamic-chat>`. */
export const chatStyles = css`
  :host {
    all: initial;
    display: block;
    /* Built-in palettes keyed on the theme attribute, so the script-tag build needs no CSS file. */
    --_d-bg: #fff;
    --_d-text: #1f2933;
    --_d-bot: #eef0f3;
    --_d-error: #c92a2a;
    --_d-ring: var(--_auto-ring, var(--_primary));
    --_shadow: rgba(15, 23, 42, .18);
    /* The two tones of the ring on the host page (see .launcher:focus-visible). */
    --_page-ring: #000;
    --_halo: #fff;
    /* The one place public tokens become private ones. */
    --_font: var(--dc-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --_primary: var(--dc-primary-color, #3b5bdb);
    --_on-primary: var(--dc-on-primary-color, var(--_auto-on-primary, #fff));
    --_bg: var(--dc-background-color, var(--_d-bg));
    --_text: var(--dc-text-color, var(--_d-text));
    --_bot: var(--dc-bot-bubble-color, var(--_d-bot));
    --_visitor: var(--dc-visitor-bubble-color, var(--_primary));
    --_error: var(--dc-error-color, var(--_d-error));
    --_ring: var(--dc-focus-ring-color, var(--_d-ring));
    --_radius: var(--dc-radius, 14px);
    --_offset: var(--dc-offset, 20px);
    --_z: var(--dc-z-index, 2147483000);
    --_muted: color-mix(in srgb, var(--_text) 75%, var(--_bg));
    --_border: color-mix(in srgb, var(--_text) 16%, var(--_bg));
    --_launcher: 56px;
  }
  :host([theme='dark']) {
    --_d-bg: #1b1d22;
    --_d-text: #e9ecef;
    --_d-bot: #2c3038;
    --_d-error: #ff8787;
    /* 11:1 on the panel and 3.7:1 on a primary button: the ring stands out from both (WCAG 1.4.11). */
    --_d-ring: #c5d0ff;
    --_shadow: rgba(0, 0, 0, .5);
    --_page-ring: #fff;
    --_halo: #000;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --_d-bg: #1b1d22;
      --_d-text: #e9ecef;
      --_d-bot: #2c3038;
      --_d-error: #ff8787;
      --_d-ring: #c5d0ff;
      --_shadow: rgba(0, 0, 0, .5);
      --_page-ring: #fff;
      --_halo: #000;
    }
  }
  :host([hidden]) { display: none; }

  * { box-sizing: border-box; }
  /* A page's !important rules on the host (font weight, letter spacing, …) stop here too;
     'all' leaves direction alone, so RTL pages stay mirrored. */
  .root {
    all: initial;
    display: block;
    font-family: var(--_font);
    font-size: 14.5px;
    line-height: 1.45;
    color: var(--_text);
  }
  button, input { font: inherit; color: inherit; margin: 0; }
  /* Every button sets its own padding, border and background, or takes these. */
  button { cursor: pointer; display: inline-flex; align-items: center; justify-content: center; visibility: visible; padding: 0; border: 0; background: transparent; }
  button:disabled { cursor: default; opacity: .6; }
  :focus-visible { outline: 2px solid var(--_ring); outline-offset: 2px; }
  .log:focus-visible { outline-offset: -2px; }
  .sr-only {
    position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden;
    clip: rect(0, 0, 0, 0); white-space: nowrap;
  }
  svg { display: block; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }

  .launcher {
    position: fixed;
    inset-block-end: var(--_offset);
    inset-inline-end: var(--_offset);
    width: var(--_launcher);
    height: var(--_launcher);
    border-radius: 50%;
    background: var(--_primary);
    color: var(--_on-primary);
    box-shadow: 0 6px 20px var(--_shadow);
    z-index: var(--_z);
  }
  .left .launcher { inset-inline-end: auto; inset-inline-start: var(--_offset); }
  /* The launcher and the poke sit on the host page, whose colour is unknown: a ring in one tone
     inside a halo of the opposite one (WCAG technique C40) has 3:1 on any page, light or dark. */
  .launcher:focus-visible, .poke-text:focus-visible, .poke-dismiss:focus-visible {
    outline-color: var(--_page-ring);
    box-shadow: 0 0 0 6px var(--_halo), 0 6px 20px var(--_shadow);
  }
  .launcher svg { width: 26px; height: 26px; }

  .poke {
    position: fixed;
    left: 0;
    top: 0;
    visibility: hidden;
    max-width: min(280px, 100vw - 32px);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    box-shadow: 0 8px 28px var(--_shadow);
    z-index: var(--_z);
  }
  .poke.placed { visibility: visible; }
  .poke-text {
    padding: 12px 16px;
    border-radius: inherit;
    text-align: start;
    justify-content: flex-start;
  }
  .poke-dismiss {
    position: absolute;
    inset-block-start: -10px;
    inset-inline-end: -10px;
    width: 24px;
    height: 24px;
    border: 1px solid var(--_border);
    border-radius: 50%;
    background: var(--_bg);
    box-shadow: 0 2px 6px var(--_shadow);
  }
  .poke-dismiss svg, .option svg { width: 14px; height: 14px; }

  .panel {
    position: fixed;
    inset-block-end: calc(var(--_offset) + var(--_launcher) + 14px);
    inset-inline-end: var(--_offset);
    width: min(380px, 100vw - 2 * var(--_offset));
    height: min(620px, 100vh - var(--_offset) - var(--_launcher) - 40px);
    display: flex;
    flex-direction: column;
    overflow: hidden;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 16px 48px var(--_shadow);
    z-index: var(--_z);
  }
  .left .panel { inset-inline-end: auto; inset-inline-start: var(--_offset); }
  .inline .panel {
    position: relative;
    inset: auto;
    width: 100%;
    height: var(--dc-inline-height, 520px);
    box-shadow: none;
    z-index: auto;
    animation: none;
  }

  @media (max-width: 480px) {
    .bubble .panel {
      inset: auto;
      inset-block-start: var(--dc-viewport-top, 0px);
      inset-inline-start: 0;
      width: 100vw;
      height: var(--dc-viewport-height, 100dvh);
      border: 0;
      border-radius: 0;
    }
    .bubble.open .launcher { display: none; }
  }

  .header {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 12px;
    padding-inline-start: 16px;
    border-block-end: 1px solid var(--_border);
  }
  .avatar {
    width: 34px; height: 34px; flex: none; border-radius: 50%; object-fit: cover;
    display: grid; place-items: center; background: var(--_primary); color: var(--_on-primary); font-weight: 600;
  }
  .title { flex: 1; margin: 0; font-size: 15.5px; font-weight: 600; line-height: 1.2; }
  .close {
    width: 36px; height: 36px; border-radius: 10px;
  }
  .close:hover { background: var(--_border); }
  .close svg { width: 20px; height: 20px; }

  .body { position: relative; flex: 1; min-height: 0; display: flex; flex-direction: column; }
  .log {
    flex: 1;
    overflow-y: auto;
    padding: 16px;
    display: flex;
    flex-direction: column;
    gap: 8px;
    overscroll-behavior: contain;
  }
  /* Few messages sit just above the card, as in a messenger; many scroll as usual. */
  .log > :first-child { margin-block-start: auto; }
  .msg { display: flex; }
  .bubble-text {
    max-width: 85%;
    padding: 9px 13px;
    border-radius: var(--_radius);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .bot .bubble-text { background: var(--_bot); border-end-start-radius: 4px; }
  .visitor .bubble-text { margin-inline-start: auto; background: var(--_visitor); color: var(--_on-primary); border-end-end-radius: 4px; }
  .bubble-text a { color: inherit; }
  .calendar { display: inline-block; margin-block-start: 6px; font-weight: 600; }
  .dots { display: inline-flex; gap: 4px; padding-block: 6px; }
  .dots span { width: 7px; height: 7px; border-radius: 50%; background: var(--_muted); }
  .jump {
    position: absolute;
    inset-block-end: 10px;
    inset-inline: 0;
    width: max-content;
    margin-inline: auto;
    padding: 6px 14px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg);
    font-size: 13px;
    box-shadow: 0 4px 14px var(--_shadow);
  }

  .card { padding: 4px 16px 14px; }
  .options { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; }
  .option, .send, .retry {
    padding: 8px 16px;
    border-radius: 999px;
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 500;
    gap: 6px;
  }
  .option:hover, .send:hover, .retry:hover { background: color-mix(in srgb, var(--_primary) 86%, #000); }
  form { display: flex; gap: 8px; }
  input {
    flex: 1;
    min-width: 0;
    padding: 10px 12px;
    border: 1px solid var(--_border);
    border-radius: 10px;
    background: var(--_bg);
  }
  input[aria-invalid='true'] { border-color: var(--_error); }
  input::placeholder { color: var(--_muted); opacity: 1; }
  .error { margin: 6px 0 0; color: var(--_error); font-size: 13px; }
  .status { margin: 0; color: var(--_muted); font-size: 13.5px; }
  /* Tall enough that the next day's label peeks out: the visitor sees there is more below. */
  .slots { max-height: 252px; overflow-y: auto; display: grid; gap: 10px; padding: 4px; margin: -4px; }
  .day-label {
    position: sticky; top: 0; margin: 0 0 4px; padding-block: 2px;
    background: var(--_bg); font-size: 12.5px; font-weight: 600; color: var(--_muted);
  }
  .day-slots { display: grid; grid-template-columns: repeat(auto-fill, minmax(72px, 1fr)); gap: 6px; }
  .slot {
    padding: 7px 4px;
    border: 1px solid var(--_primary);
    border-radius: 8px;
    background: color-mix(in srgb, var(--_primary) 8%, var(--_bg));
    font-size: 13.5px;
  }
  .slot:hover { background: color-mix(in srgb, var(--_primary) 18%, var(--_bg)); }
  .failed { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; margin-block-end: 8px; }
  .failed .error { margin: 0; flex: 1; }
  /* Empty live regions take no room (their text comes later, to be announced). */
  .error:empty { margin: 0; }
  .panel > .status:not(:empty) { padding: 4px 16px 0; }
  .slot[aria-disabled=true] { cursor: default; opacity: .6; }

  .footer { padding: 6px 16px 10px; text-align: center; font-size: 12px; }
  .footer a { color: var(--_muted); }

  /* Zoomed in (200 % of a laptop screen is 400 px tall) or a short window: the panel scrolls as one,
     the transcript keeps its room and every slot and the privacy link can be reached (WCAG 1.4.10). */
  @media (max-height: 600px) {
    .panel { overflow-y: auto; }
    .body { flex: 1 0 min(40vh, 180px); }
    .slots { max-height: none; }
  }
  /* Windows High Contrast and the like drop backgrounds: borders keep buttons and bubbles visible. */
  @media (forced-colors: active) {
    .launcher, .option, .send, .retry { border: 1px solid ButtonText; }
    /* The typing dots too: rings where their fill is dropped. */
    .bubble-text, .dots span { border: 1px solid CanvasText; }
  }

  @media (prefers-reduced-motion: no-preference) {
    .panel { animation: dc-rise 180ms ease-out; }
    .poke.placed { animation: dc-fade 220ms ease-out; }
    .dots span { animation: dc-blink 1.2s infinite ease-in-out; }
    .dots span:nth-child(2) { animation-delay: .15s; }
    .dots span:nth-child(3) { animation-delay: .3s; }
    .launcher { transition: transform 150ms; }
    .launcher:hover { transform: scale(1.05); }
  }
  /* Without a 'to' frame an animation ends on the element's own style (opaque, in place). */
  @keyframes dc-rise { from { opacity: 0; transform: translateY(12px); } }
  @keyframes dc-fade { from { opacity: 0; } }
  @keyframes dc-blink { 0%, 80%, 100% { opacity: .3; } 40% { opacity: 1; } }
`;
