// What low-vision and keyboard visitors see: the modal phone panel, zoom, focus ring contrast, forced colors.
import { expect } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { contrast } from '../../src/engine/contrast.js';
import type { Slot } from '../../src/engine/types.js';
import { byRole, cleanPage, findByRole, finishAnimations, mount, nameOf, RecordingAdapter, testFlow, toMeeting, until, type DynamicChat } from './element-helpers.js';
import { linkStylesheet } from './page-styles.js';

const rect = (el: Element) => el.getBoundingClientRect();

/** The solid bands drawn round a focused control: its outline and any unblurred box-shadow spread, in px from its edge. */
function ringBands(node: Element): Array<{ color: string; to: number }> {
  const style = getComputedStyle(node);
  const bands: Array<{ color: string; to: number }> = [];
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
    bands.push({ color: style.outlineColor, to: parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth) });
  }
  for (const shadow of style.boxShadow.split(/,(?![^(]*\))/)) {
    const color = /rgba?\([^)]*\)/.exec(shadow)?.[0];
    const [x, y, blur, spread] = (shadow.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) ?? []).map(parseFloat);
    if (color && !x && !y && !blur && spread > 0) bands.push({ color, to: spread });
  }
  return bands.sort((a, b) => a.to - b.to);
}

/**
 * Whether a focus ring reaches 3:1 where it meets `behind` (WCAG 1.4.11): its outermost band
 * against `behind`, or, where that band blends in, the band inside it against both.
 */
function ringStandsOut(node: Element, behind: string): string | true {
  const bands = ringBands(node);
  const outer = bands.at(-1);
  const inner = bands.at(-2);
  if (outer && contrast(outer.color, behind) >= 3) return true;
  if (outer && inner && contrast(inner.color, outer.color) >= 3 && contrast(inner.color, behind) >= 3) return true;
  return `ring ${JSON.stringify(bands)} on ${behind}`;
}

/** Focuses a control as a keyboard visitor would reach it, so :focus-visible applies. */
async function keyboardFocus(node: HTMLElement): Promise<HTMLElement> {
  node.focus();
  await sendKeys({ press: 'Shift' });
  return node;
}

/** The widget, or null when focus has left it for the page. */
function focusInWidget(el: DynamicChat): Element | null {
  return document.activeElement === el ? el.shadowRoot!.activeElement : null;
}

/** Opens the panel from the launcher with the keyboard, as a visitor would; focus lands on the first option. */
async function openByKeyboard(el: DynamicChat): Promise<HTMLElement> {
  (await findByRole(el, 'button', 'Open chat')).focus();
  await sendKeys({ press: 'Enter' });
  const first = await findByRole(el, 'button', 'Talk to sales');
  await until(() => el.shadowRoot!.activeElement === first, 'focus on the first option');
  return first;
}

/** Four slots a day for six days: a list longer than a zoomed-in screen. */
function manySlots(): Slot[] {
  const slots: Slot[] = [];
  for (let day = 1; day <= 6; day++) {
    for (const hour of [9, 10, 11, 14]) {
      const start = new Date();
      start.setDate(start.getDate() + day);
      start.setHours(hour, 0, 0, 0);
      slots.push({ start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(), agentIds: ['ana'] });
    }
  }
  return slots;
}

describe('<dynamic-chat> zoom, focus and contrast (WCAG 2.2 AA)', () => {
  const extras: Element[] = [];
  afterEach(async () => {
    cleanPage();
    for (const el of extras.splice(0)) el.remove();
    await executeServerCommand('emulate-forced-colors', { active: false });
    await setViewport({ width: 1024, height: 768 });
    await emulateMedia({ colorScheme: 'light' });
    document.body.style.background = '';
  });

  /** Page links before and after the widget, which the full-screen panel hides. */
  function pageLinks(): void {
    for (const where of ['prepend', 'append'] as const) {
      const link = document.createElement('a');
      link.href = '#page';
      link.textContent = `page link (${where})`;
      document.body[where](link);
      extras.push(link);
    }
  }

  it('on a 375 px phone the full-screen panel is modal: Tab and Shift+Tab stay inside it', async () => {
    await setViewport({ width: 375, height: 667 });
    pageLinks();
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    await openByKeyboard(el);
    const dialog = byRole(el, 'dialog', 'Ava')!;
    expect(dialog.getAttribute('aria-modal')).to.equal('true');
    finishAnimations(el);
    await expect(el).to.be.accessible();
    const seen = new Set<Element>();
    // Close, the transcript, its link, three options and the privacy link: twelve presses go round twice.
    for (let i = 0; i < 12; i++) {
      await sendKeys({ press: 'Tab' });
      const focused = focusInWidget(el);
      expect(focused, `Tab ${i + 1} stays in the panel`).to.not.equal(null);
      expect(dialog.contains(focused)).to.equal(true);
      seen.add(focused!);
    }
    expect(seen.has(byRole(el, 'button', 'Close chat')!), 'Tab comes round to Close').to.equal(true);
    byRole(el, 'button', 'Close chat')!.focus();
    for (let i = 0; i < 12; i++) {
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      const focused = focusInWidget(el);
      expect(focused, `Shift+Tab ${i + 1} stays in the panel`).to.not.equal(null);
      expect(dialog.contains(focused)).to.equal(true);
    }
    await sendKeys({ press: 'Escape' });
    await until(() => byRole(el, 'dialog') === null, 'Escape still closes');
  });

  it('on a desktop screen the panel stays non-modal (Tab leaves it for the page) until the window narrows', async () => {
    await setViewport({ width: 1280, height: 800 });
    pageLinks();
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    await openByKeyboard(el);
    expect(byRole(el, 'dialog', 'Ava')!.hasAttribute('aria-modal')).to.equal(false);
    let left = false;
    for (let i = 0; i < 8 && !left; i++) {
      await sendKeys({ press: 'Tab' });
      left = document.activeElement !== el;
    }
    expect(left, 'Tab reaches the page after the panel').to.equal(true);
    // Narrowed (a rotated tablet, a resized window): the panel now covers the page and becomes modal.
    await setViewport({ width: 375, height: 667 });
    await until(() => byRole(el, 'dialog', 'Ava')!.getAttribute('aria-modal') === 'true', 'aria-modal after narrowing');
  });

  for (const [zoom, width, height] of [['200 %', 640, 400], ['400 %', 320, 256]] as const) {
    it(`at ${zoom} zoom (${width}×${height}) every slot and the privacy link can be scrolled into view, and the transcript keeps its room`, async () => {
      await setViewport({ width, height });
      const adapter = new RecordingAdapter();
      adapter.slots = manySlots();
      const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter });
      await toMeeting(el);
      const panel = byRole(el, 'dialog', 'Ava')!;
      finishAnimations(el);
      const log = el.shadowRoot!.querySelector('[role="log"]')!;
      for (const node of el.shadowRoot!.querySelectorAll('*')) node.scrollTop = 0;
      const top = Math.max(rect(log).top, rect(panel).top, 0);
      const bottom = Math.min(rect(log).bottom, rect(panel).bottom, innerHeight);
      expect(bottom - top, 'visible height of the transcript').to.be.at.least(60);

      const targets = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="slot"]'), byRole(el, 'link', 'Privacy')!];
      expect(targets.length).to.equal(25);
      for (const target of targets) {
        target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        const box = rect(target);
        const name = target.getAttribute('aria-label') ?? target.textContent;
        const area = rect(panel);
        expect(box.top >= Math.max(area.top, 0) - 0.5 && box.bottom <= Math.min(area.bottom, innerHeight) + 0.5, `${name} inside the panel vertically`).to.equal(true);
        expect(box.left >= Math.max(area.left, 0) - 0.5 && box.right <= Math.min(area.right, innerWidth) + 0.5, `${name} inside the panel horizontally`).to.equal(true);
        // A script may scroll an overflow: hidden box; a visitor cannot. Only real scrollers may have moved.
        for (const node of el.shadowRoot!.querySelectorAll('*')) {
          if (node.scrollTop > 0) expect(getComputedStyle(node).overflowY, `${node.className} was scrolled to show ${name}`).to.be.oneOf(['auto', 'scroll']);
        }
      }
    });
  }

  for (const [theme, os] of [['light', 'light'], ['dark', 'light'], ['auto', 'dark']] as const) {
    it(`theme="${theme}" (${os} OS): the launcher, poke and dismiss rings have 3:1 on a white and on a black page`, async () => {
      await emulateMedia({ colorScheme: os });
      const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter(), attrs: { theme } });
      const controls = [
        await findByRole(el, 'button', 'Open chat'),
        await findByRole(el, 'button', /Hi there/),
        await findByRole(el, 'button', /Dismiss/),
      ];
      for (const page of ['rgb(255, 255, 255)', 'rgb(0, 0, 0)']) {
        document.body.style.background = page;
        for (const control of controls) {
          await keyboardFocus(control);
          expect(ringStandsOut(control, page), `${nameOf(control)} on ${page}`).to.equal(true);
        }
      }
    });
  }

  it('the light focus ring has 3:1 against the panel, with the built-in primary and with a light flow primary (#8ecbff)', async () => {
    for (const primaryColor of [undefined, '#8ecbff']) {
      const flow = testFlow();
      if (primaryColor) flow.settings!.theme = { primaryColor };
      const { el } = await mount({ flow, adapter: new RecordingAdapter() });
      const option = await openByKeyboard(el);
      finishAnimations(el);
      const panel = getComputedStyle(byRole(el, 'dialog', 'Ava')!).backgroundColor;
      expect(ringStandsOut(option, panel), `primary ${primaryColor ?? 'built-in'}`).to.equal(true);
      cleanPage();
    }
  });

  it('the dark focus ring has 3:1 against the panel and the button it surrounds (built-in palette and themes/dark.css)', async () => {
    const check = async (el: DynamicChat, what: string) => {
      const option = await openByKeyboard(el);
      finishAnimations(el);
      const ring = getComputedStyle(option).outlineColor;
      const panel = getComputedStyle(byRole(el, 'dialog', 'Ava')!).backgroundColor;
      expect(ringStandsOut(option, panel), `${what}: on the panel`).to.equal(true);
      expect(contrast(ring, getComputedStyle(option).backgroundColor), `${what}: ring against the option`).to.be.at.least(3);
    };
    const dark = await mount({ flow: testFlow(), adapter: new RecordingAdapter(), attrs: { theme: 'dark' } });
    await check(dark.el, 'theme="dark"');
    cleanPage();
    extras.push(await linkStylesheet('/themes/dark.css'));
    await check((await mount({ flow: testFlow(), adapter: new RecordingAdapter() })).el, 'themes/dark.css');
  });

  it('under forced-colors: active the launcher, options, Send and the bubbles keep a visible border', async () => {
    await executeServerCommand('emulate-forced-colors', { active: true });
    expect(matchMedia('(forced-colors: active)').matches, 'forced colors emulated').to.equal(true);
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    const bordered = (node: Element, what: string) => {
      const style = getComputedStyle(node);
      expect(parseFloat(style.borderTopWidth), `${what} has a border`).to.be.above(0);
      expect(style.borderTopStyle, `${what} border style`).to.not.equal('none');
    };
    bordered(await findByRole(el, 'button', 'Open chat'), 'the launcher');
    await openByKeyboard(el);
    bordered(byRole(el, 'button', 'Talk to sales')!, 'an option');
    bordered(el.shadowRoot!.querySelector('.bot [part="bubble"]')!, 'a bot bubble');
    byRole(el, 'button', 'Talk to sales')!.click();
    bordered(await findByRole(el, 'button', 'Send'), 'Send');
    await until(() => el.shadowRoot!.querySelector('.visitor [part="bubble"]'), 'the visitor bubble');
    bordered(el.shadowRoot!.querySelector('.visitor [part="bubble"]')!, 'a visitor bubble');
  });
});
