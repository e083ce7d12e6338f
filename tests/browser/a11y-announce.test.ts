// What a screen-reader or keyboard user is told (issue 9): errors, status, names of groups and
// buttons, the widget's language, and focus that an automatic opening leaves where the visitor is.
import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { Booking, Slot } from '../../src/engine/types.js';
import {
  allByRole, byRole, cleanPage, finishAnimations, findByRole, logLines, mount, nameOf, RecordingAdapter, testFlow, until,
  type DynamicChat,
} from './element-helpers.js';

/** The text an element's aria-describedby points at, as a screen reader reads it after the name. */
function descriptionOf(el: HTMLElement): string {
  const root = el.getRootNode() as ShadowRoot;
  return (el.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => root.getElementById(id)?.textContent ?? '').join(' ').trim();
}

/** The widget's live region of the given role, found whether or not it holds text yet. */
function liveRegion(el: DynamicChat, role: 'alert' | 'status'): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[role="${role}"]`);
}

/** A promise with its resolve function, for an adapter call the test finishes when it wants. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

/** Pretends the visitor has (or has not) pressed a key or a pointer on the page since it loaded. */
function setInteracted(value: boolean | undefined): void {
  if (value === undefined) delete (navigator as { userActivation?: unknown }).userActivation;
  else Object.defineProperty(navigator, 'userActivation', { configurable: true, value: { hasBeenActive: value, isActive: false } });
}

async function toEmailCard(el: DynamicChat): Promise<HTMLInputElement> {
  (await findByRole(el, 'button', 'Talk to sales')).click();
  return await findByRole(el, 'textbox') as HTMLInputElement;
}

describe('<dynamic-chat> announcements and names', () => {
  const extras: HTMLElement[] = [];
  beforeEach(() => setViewport({ width: 1024, height: 768 }));
  afterEach(() => {
    cleanPage();
    setInteracted(undefined);
    for (const n of extras.splice(0)) n.remove();
    document.documentElement.removeAttribute('lang');
  });

  it('an automatically opened panel takes focus on an untouched page (nothing focused, no key or pointer yet)', async () => {
    setInteracted(false);
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
    const first = await findByRole(el, 'button', 'Talk to sales');
    await until(() => el.shadowRoot!.activeElement === first, 'focus on the first option');
  });

  it('a choice card\'s options are a group named after the question, announced when opened from the poke by keyboard', async () => {
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    (await findByRole(el, 'button', /Hi there/)).focus();
    await sendKeys({ press: 'Enter' });
    const first = await findByRole(el, 'button', 'Talk to sales');
    await until(() => el.shadowRoot!.activeElement === first, 'focus on the first option');
    const options = await findByRole(el, 'group', 'What brings you here?');
    expect(options.contains(first), 'the focused option is inside the named group').to.equal(true);
    finishAnimations(el);
    await expect(el).to.be.accessible();
  });

  it('an input error sent with Enter is in an alert that was there before it, and describes the box that keeps focus and value', async () => {
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
    (await findByRole(el, 'button', 'Talk to sales')).focus();
    await sendKeys({ press: 'Enter' });
    const box = await findByRole(el, 'textbox', 'Your work email?') as HTMLInputElement;
    await until(() => el.shadowRoot!.activeElement === box, 'focus on the box');
    const alert = liveRegion(el, 'alert');
    expect(alert, 'the alert region exists before any error').to.exist;
    expect(alert!.textContent!.trim()).to.equal('');
    await sendKeys({ type: 'bad' });
    await sendKeys({ press: 'Enter' });
    await until(() => liveRegion(el, 'alert')?.textContent?.includes('Please enter a valid work email.'), 'the error in the alert');
    expect(liveRegion(el, 'alert') === alert, 'the same region, its text inserted').to.equal(true);
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    expect(descriptionOf(box)).to.include('Please enter a valid work email.');
    expect(el.shadowRoot!.activeElement === box, 'focus stays in the box').to.equal(true);
    expect(box.value).to.equal('bad');
    finishAnimations(el);
    await expect(el).to.be.accessible();

    // The same error again is announced again: the region's text is replaced, not left as it was.
    const changes: MutationRecord[] = [];
    const watcher = new MutationObserver((records) => changes.push(...records));
    watcher.observe(alert!, { childList: true, subtree: true, characterData: true });
    await sendKeys({ type: '2' });
    await sendKeys({ press: 'Enter' });
    await until(() => changes.length > 0, 'the alert to be rewritten');
    watcher.disconnect();
    expect(alert!.textContent).to.include('Please enter a valid work email.');
    expect(box.value).to.equal('bad2');
    expect(el.shadowRoot!.activeElement === box, 'focus stays in the box').to.equal(true);
  });

  it('an input error sent with the Send button is announced the same way', async () => {
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
    const box = await toEmailCard(el);
    box.value = 'nope';
    box.dispatchEvent(new Event('input'));
    byRole(el, 'button', 'Send')!.click();
    await until(() => liveRegion(el, 'alert')?.textContent?.includes('Please enter a valid work email.'), 'the error in the alert');
    expect(descriptionOf(box)).to.include('Please enter a valid work email.');
  });

  it('autoOpen does not take focus from a visitor typing in the page: their keystrokes stay in their field', async () => {
    const field = Object.assign(document.createElement('input'), { type: 'text' });
    field.setAttribute('aria-label', 'Search');
    document.body.prepend(field);
    extras.push(field);
    field.focus();
    await sendKeys({ type: 'pricing' });
    // The trigger fires while they type (a load trigger on a widget added now: timeOnPage would not
    // count in the background tab the runner may give this file). The card comes after the panel.
    const { el, events } = await mount({ flow: testFlow({ autoOpen: true, responseDelayMs: 150 }), adapter: new RecordingAdapter() });
    await findByRole(el, 'dialog', 'Ava');
    await findByRole(el, 'button', 'Talk to sales');
    // One more render after the card: focus still stays with the page.
    await new Promise((r) => setTimeout(r, 100));
    expect(document.activeElement === field, 'focus stays in the page field').to.equal(true);
    await sendKeys({ type: ' plans' });
    await sendKeys({ press: 'Enter' });
    expect(field.value).to.equal('pricing plans');
    expect(document.activeElement === field, 'focus stays in the page field').to.equal(true);
    expect(events.filter((e) => e.type === 'dc-answer')).to.deep.equal([]);
    // Once the visitor goes into the chat, focus follows each new card again.
    byRole(el, 'button', 'Talk to sales')!.focus();
    await sendKeys({ press: 'Enter' });
    const box = await findByRole(el, 'textbox', 'Your work email?');
    await until(() => el.shadowRoot!.activeElement === box, 'focus on the email box');
  });

  it('autoOpen does not take focus from a page field that has it, even before any key; the launcher does', async () => {
    setInteracted(false);
    const field = Object.assign(document.createElement('input'), { type: 'search' });
    field.setAttribute('aria-label', 'Search');
    document.body.prepend(field);
    extras.push(field);
    field.focus();
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
    await findByRole(el, 'button', 'Talk to sales');
    expect(document.activeElement === field, 'focus stays in the page field').to.equal(true);
    // Opened by the visitor: focus goes in.
    (await findByRole(el, 'button', 'Close chat')).click();
    await until(() => byRole(el, 'dialog') === null, 'closed');
    (await findByRole(el, 'button', 'Open chat')).click();
    const first = await findByRole(el, 'button', 'Talk to sales');
    await until(() => el.shadowRoot!.activeElement === first, 'focus on the first option');
  });

  it('an `open` attribute set before the trigger opens without taking focus after the visitor interacted; start() takes it', async () => {
    setInteracted(true);
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter(), attrs: { open: '' } });
    await findByRole(el, 'dialog', 'Ava');
    await findByRole(el, 'button', 'Talk to sales');
    expect(el.shadowRoot!.activeElement === null, 'focus stays out of the chat').to.equal(true);
    await el.close();
    await until(() => byRole(el, 'dialog') === null, 'closed');
    (document.activeElement as HTMLElement | null)?.blur();
    await el.start();
    const first = await findByRole(el, 'button', 'Talk to sales');
    await until(() => el.shadowRoot!.activeElement === first, 'focus on the first option after start()');
  });

  it('the launcher is named for what it does: "Open chat" when closed, "Close chat" while the panel is open', async () => {
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    const launcher = await findByRole(el, 'button', 'Open chat');
    launcher.focus();
    await sendKeys({ press: 'Enter' });
    await findByRole(el, 'dialog', 'Ava');
    expect(byRole(el, 'button', 'Open chat') === null, 'no button says "Open chat" while open').to.equal(true);
    expect(nameOf(launcher)).to.equal('Close chat');
    expect(allByRole(el, 'button', /chat/).includes(launcher), 'a button whose name contains "chat"').to.equal(true);
    finishAnimations(el);
    await expect(el).to.be.accessible();
    launcher.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => byRole(el, 'dialog') === null, 'closed from the launcher');
    expect(nameOf(launcher)).to.equal('Open chat');
  });

  it('status text goes into a status region that was already there, empty', async () => {
    const adapter = new RecordingAdapter();
    const slots = deferred<Slot[]>();
    const booked = deferred<void>();
    adapter.findSlots = async (q) => { adapter.queries.push(q); return slots.promise; };
    const book = adapter.bookMeeting.bind(adapter);
    adapter.bookMeeting = async (r) => { await booked.promise; return book(r) as Promise<Booking>; };
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter });
    const box = await toEmailCard(el);
    const status = liveRegion(el, 'status');
    expect(status, 'the status region exists before any status').to.exist;
    expect(status!.textContent!.trim()).to.equal('');
    box.value = 'jo@acme.com';
    box.dispatchEvent(new Event('input'));
    byRole(el, 'button', 'Send')!.click();
    await until(() => status!.textContent?.includes('Looking for free times…'), 'the loading status');
    expect(liveRegion(el, 'status') === status, 'the same region').to.equal(true);
    finishAnimations(el);
    await expect(el).to.be.accessible();
    slots.resolve(adapter.slots);
    const slot = await findByRole(el, 'button', /, \d{2}:\d{2}$/);
    await until(() => status!.textContent!.trim() === '', 'the status to empty');
    slot.click();
    await until(() => status!.textContent?.includes('Booking…'), 'the booking status');
    expect(liveRegion(el, 'status') === status, 'the same region').to.equal(true);
    booked.resolve();
    await until(() => logLines(el).includes('All set!'), 'booked');
    await until(() => (liveRegion(el, 'status')?.textContent ?? '').trim() === '', 'the status to empty after booking');
  });

  it('the link option says it opens a new tab; the other options keep their labels', async () => {
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
    await findByRole(el, 'button', 'Read the docs (opens in a new tab)');
    expect(byRole(el, 'button', 'Just looking')).to.exist;
    finishAnimations(el);
    await expect(el).to.be.accessible();
  });

  it('the poke\'s dismiss button says what it dismisses', async () => {
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    await findByRole(el, 'button', /Hi there/);
    // "message", not "chat": a button whose name contains "chat" is the launcher (contract §5).
    expect(allByRole(el, 'button', /chat/i).length, 'one button answers to /chat/ while closed').to.equal(1);
    (await findByRole(el, 'button', 'Dismiss message')).click();
    await until(() => byRole(el, 'button', /Hi there/) === null, 'the poke to go');
  });

  it('the widget says its language when its locale differs from the page\'s', async () => {
    document.documentElement.lang = 'en';
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter(), attrs: { locale: 'fr' } });
    const launcher = await findByRole(el, 'button', 'Open chat');
    const root = launcher.closest('[lang]');
    expect(root?.getAttribute('lang')).to.equal('fr');
    expect(root?.getAttribute('dir')).to.equal('ltr');
    launcher.click();
    const dialog = await findByRole(el, 'dialog', 'Ava');
    expect(dialog.closest('[lang]') === root, 'the panel is inside the same container').to.equal(true);
    finishAnimations(el);
    await expect(el).to.be.accessible();
  });

  it('a right-to-left locale also sets the direction; the page\'s own language sets nothing', async () => {
    document.documentElement.lang = 'en';
    const rtl = await mount({ flow: testFlow(), adapter: new RecordingAdapter(), attrs: { locale: 'ar-EG' } });
    const root = (await findByRole(rtl.el, 'button', 'Open chat')).closest('[lang]');
    expect([root?.getAttribute('lang'), root?.getAttribute('dir')]).to.deep.equal(['ar-EG', 'rtl']);
    rtl.el.remove();
    const same = await mount({ flow: testFlow({ locale: 'en' }), adapter: new RecordingAdapter() });
    const launcher = await findByRole(same.el, 'button', 'Open chat');
    expect(launcher.closest('[lang]')?.getAttribute('lang')).to.equal(undefined);
  });
});
