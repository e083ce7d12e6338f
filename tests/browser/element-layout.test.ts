import { expect } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { registerLocale } from '../../src/page/locales.js';
import { chatStyles } from '../../src/ui/styles.js';
import { EXTRA_TOKENS, THEME_TOKENS } from '../../src/ui/theme.js';
import { byRole, cleanPage, findByRole, finishAnimations, logLines, mount, RecordingAdapter, testFlow, until } from './element-helpers.js';
import { linkStylesheet } from './page-styles.js';

const rect = (el: Element) => el.getBoundingClientRect();

describe('<dynamic-chat> layout, theming and isolation', () => {
  const extras: Element[] = [];
  afterEach(async () => {
    cleanPage();
    for (const el of extras.splice(0)) el.remove();
    await setViewport({ width: 1024, height: 768 });
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  it('on a 375×667 phone the panel fills the screen and the launcher hides while open', async () => {
    await setViewport({ width: 375, height: 667 });
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    (await findByRole(el, 'button', 'Open chat')).click();
    const dialog = await findByRole(el, 'dialog', 'Ava');
    finishAnimations(el);
    const box = rect(dialog);
    expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, 375, 667]);
    expect(byRole(el, 'button', 'Open chat'), 'launcher hidden while open').to.equal(null);
    expect(el.style.getPropertyValue('--dc-viewport-height')).to.equal('667px');
    const option = await findByRole(el, 'button', 'Talk to sales');
    expect(rect(option).bottom).to.be.at.most(667);
    // What the visualViewport listener publishes when the on-screen keyboard takes the lower half.
    el.style.setProperty('--dc-viewport-height', '330px');
    expect(rect(dialog).height).to.equal(330);
    expect(rect(option).bottom, 'the card stays above the keyboard').to.be.at.most(330);
    await el.close();
    await findByRole(el, 'button', 'Open chat');
  });

  it('the typing indicator is one line tall, like a one-line message', async () => {
    const { el } = await mount({ flow: testFlow({ responseDelayMs: 10_000 }), adapter: new RecordingAdapter() });
    await el.show();
    const bubble = await until(() => el.shadowRoot!.querySelector<HTMLElement>('.typing [part="bubble"]'), 'the typing indicator');
    const style = getComputedStyle(bubble);
    const content = rect(bubble).height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    expect(content, 'no blank lines around the dots').to.be.at.most(parseFloat(style.lineHeight) * 1.2);
  });

  it('inline mode plays in place in a region named after the bot, without launcher or close button', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    extras.push(host);
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter(), attrs: { mode: 'inline' }, parent: host });
    const region = await findByRole(el, 'region', 'Ava');
    expect(getComputedStyle(region).position).to.equal('relative');
    expect(byRole(el, 'button', 'Open chat')).to.equal(null);
    expect(byRole(el, 'button', 'Close chat')).to.equal(null);
    expect(byRole(el, 'dialog')).to.equal(null);
    (await findByRole(el, 'button', 'Just looking')).click();
    await until(() => logLines(el).includes('Happy browsing!'), 'the dialogue to play');
  });

  it('hostile page CSS does not reach inside', async () => {
    const style = document.createElement('style');
    style.textContent = `button { display: none !important; }
      * { font-family: "Comic Sans MS", cursive !important; letter-spacing: 4px !important; color: red !important; }
      div, section, p { display: none !important; visibility: hidden !important; }`;
    document.head.append(style);
    extras.push(style);
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    const launcher = await findByRole(el, 'button', 'Open chat');
    expect(rect(launcher).width).to.equal(56);
    launcher.click();
    const option = await findByRole(el, 'button', 'Talk to sales');
    const look = getComputedStyle(option);
    expect(look.fontFamily).not.to.include('Comic');
    expect(look.letterSpacing).to.equal('normal');
    expect(look.color).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(byRole(el, 'dialog', 'Ava')!).display).to.equal('flex');
  });

  it('settings.theme sets the public --dc-* properties, which the widget uses', async () => {
    document.body.style.fontFamily = 'Georgia, serif';
    try {
      const flow = testFlow();
      flow.settings!.theme = { primaryColor: '#ff0000', radius: 3, position: 'bottom-left', fontFamily: 'inherit', offset: 40, botBubbleColor: 'rgb(1, 2, 3)' };
      const { el } = await mount({ flow, adapter: new RecordingAdapter() });
      const launcher = await findByRole(el, 'button', 'Open chat');
      expect(el.style.getPropertyValue('--dc-primary-color')).to.equal('#ff0000');
      expect(getComputedStyle(launcher).backgroundColor).to.equal('rgb(255, 0, 0)');
      expect(rect(launcher).left).to.equal(40);
      launcher.click();
      const dialog = await findByRole(el, 'dialog', 'Ava');
      expect(getComputedStyle(dialog).borderRadius).to.equal('3px');
      expect(getComputedStyle(dialog.querySelector('[part="header"]')!).fontFamily).to.equal('Georgia, serif');
      expect(getComputedStyle(el.shadowRoot!.querySelector('.bot .bubble-text')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    } finally {
      document.body.style.fontFamily = '';
    }
  });

  it('every public token is read by the styles', () => {
    const text = chatStyles.cssText;
    for (const token of [...THEME_TOKENS.map((t) => t.property), ...EXTRA_TOKENS]) expect(text, token).to.include(`var(${token}`);
  });

  it('theme="dark" and theme="auto" under a dark scheme use the dark palette', async () => {
    const dark = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter(), attrs: { theme: 'dark' } });
    const panel = await findByRole(dark.el, 'dialog', 'Ava');
    expect(getComputedStyle(panel).backgroundColor).to.equal('rgb(27, 29, 34)');
    dark.el.remove();
    await emulateMedia({ colorScheme: 'dark' });
    const auto = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter(), attrs: { theme: 'auto' } });
    expect(getComputedStyle(await findByRole(auto.el, 'dialog', 'Ava')).backgroundColor).to.equal('rgb(27, 29, 34)');
  });

  it('themes/dark.css restyles the widget from a cascade layer', async () => {
    extras.push(await linkStylesheet('/themes/dark.css'));
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
    expect(getComputedStyle(await findByRole(el, 'dialog', 'Ava')).backgroundColor).to.equal('rgb(27, 29, 34)');
    finishAnimations(el);
    await expect(el).to.be.accessible();
  });

  it('--dc-z-index places the widget in the page\'s stacking order', async () => {
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    el.style.setProperty('--dc-z-index', '7');
    expect(getComputedStyle(await findByRole(el, 'button', 'Open chat')).zIndex).to.equal('7');
  });

  it('places the poke beside the launcher with floating-ui', async () => {
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    const launcher = await findByRole(el, 'button', 'Open chat');
    await findByRole(el, 'button', /Hi there/);
    const poke = el.shadowRoot!.querySelector<HTMLElement>('[part="poke"]')!;
    await until(() => poke.classList.contains('placed'), 'the poke to be placed');
    await until(() => rect(poke).bottom <= rect(launcher).top, 'the poke above the launcher');
    expect(Math.abs(rect(poke).right - rect(launcher).right)).to.be.below(2);
  });

  it('a dir=rtl page mirrors the layout', async () => {
    document.documentElement.dir = 'rtl';
    try {
      const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
      const launcher = await findByRole(el, 'button', 'Open chat');
      expect(rect(launcher).left).to.equal(20);
      launcher.click();
      await findByRole(el, 'button', 'Talk to sales');
      const visitor = el.shadowRoot!.querySelector('.options')!;
      expect(getComputedStyle(visitor).direction).to.equal('rtl');
    } finally {
      document.documentElement.dir = '';
    }
  });

  it('UI strings come from the locale table picked by the locale attribute or settings.locale', async () => {
    registerLocale('de', { openChat: 'Chat öffnen', closeChat: 'Chat schließen', send: 'Senden' });
    const byAttribute = await mount({ flow: testFlow(), adapter: new RecordingAdapter(), attrs: { locale: 'de-AT' } });
    await findByRole(byAttribute.el, 'button', 'Chat öffnen');
    cleanPage();
    const bySettings = await mount({ flow: testFlow({ locale: 'de', autoOpen: true }), adapter: new RecordingAdapter() });
    await findByRole(bySettings.el, 'button', 'Chat schließen');
    cleanPage();
    const fallback = await mount({ flow: testFlow(), adapter: new RecordingAdapter(), attrs: { locale: 'xx' } });
    await findByRole(fallback.el, 'button', 'Open chat');
  });

  it('the default input errors come from the locale table; a card\'s own error stays as written', async () => {
    registerLocale('nl', { inputErrors: { email: 'Vul een geldig e-mailadres in.', empty: 'Vul dit in.' } });
    const flow = testFlow({ locale: 'nl', autoOpen: true });
    const email = flow.dialogues[0].cards.email as { error?: string };
    delete email.error;
    const { el } = await mount({ flow, adapter: new RecordingAdapter() });
    (await findByRole(el, 'button', 'Talk to sales')).click();
    const box = await findByRole(el, 'textbox', 'Your work email?') as HTMLInputElement;
    const send = async (value: string) => {
      box.value = value;
      box.dispatchEvent(new Event('input'));
      (await findByRole(el, 'button', 'Send')).click();
    };
    await send('not an email');
    await until(() => box.getAttribute('aria-invalid') === 'true', 'the error');
    const describedBy = () => el.shadowRoot!.getElementById(box.getAttribute('aria-describedby')!)?.textContent;
    expect(describedBy()).to.equal('Vul een geldig e-mailadres in.');
    await send('');
    await until(() => describedBy() === 'Vul dit in.', 'the empty error in Dutch');
    cleanPage();

    const own = await mount({ flow: testFlow({ locale: 'nl', autoOpen: true }), adapter: new RecordingAdapter() });
    (await findByRole(own.el, 'button', 'Talk to sales')).click();
    const ownBox = await findByRole(own.el, 'textbox', 'Your work email?') as HTMLInputElement;
    ownBox.value = 'nope';
    ownBox.dispatchEvent(new Event('input'));
    (await findByRole(own.el, 'button', 'Send')).click();
    await until(() => own.el.shadowRoot!.getElementById('dc-input-error')?.textContent === 'Please enter a valid work email.', "the card's own error");
  });

  it('prefers-reduced-motion turns animations off', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
    const panel = await findByRole(el, 'dialog', 'Ava');
    expect(getComputedStyle(panel).animationName).to.equal('none');
    await emulateMedia({ reducedMotion: 'no-preference' });
    await el.close();
    await el.show();
    expect(getComputedStyle(await findByRole(el, 'dialog', 'Ava')).animationName).to.equal('dc-rise');
  });

  it('no style attribute in the templates (strict CSP): styling goes through classes and CSSOM', async () => {
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
    await findByRole(el, 'button', 'Talk to sales');
    const styled = [...el.shadowRoot!.querySelectorAll('[style]')].filter((n) => !n.classList.contains('poke'));
    expect(styled).to.deep.equal([]);
  });
});
