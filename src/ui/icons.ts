/** The few inline SVG icons of the widget (decorative: hidden from assistive technology). */
import { html, type TemplateResult } from 'lit';

// One template for every icon: only the path differs.
const icon = (path: string): TemplateResult => html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${path}></path></svg>`;

/** A speech bubble, for the launcher. */
export const chatIcon = icon('M21 11.5a8.4 8.4 0 0 1-8.5 8.3 8.9 8.9 0 0 1-3.8-.8L3 21l1.9-5.3a8 8 0 0 1-.9-3.7A8.4 8.4 0 0 1 12.5 3.5 8.4 8.4 0 0 1 21 11.5Z');

/** A cross, for "Close chat". */
export const closeIcon = icon('M6 6l12 12M18 6 6 18');

/** An arrow out of a box, for options that open a page in a new tab. */
export const externalIcon = icon('M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5');

/** A chevron pointing down, on the launcher while the panel is open (a click folds it away). */
export const collapseIcon = icon('m6 9 6 6 6-6');
