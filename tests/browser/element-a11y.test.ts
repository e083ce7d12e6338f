import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { byRole, cleanPage, finishAnimations, findByRole, logLines, mount, RecordingAdapter, testFlow, until } from './element-helpers.js';

describe('<dynamic-chat> keyboard and screen readers', () => {
  afterEach(cleanPage);

  it('axe finds no violations when closed (launcher and poke)', async () => {
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    await findByRole(el, 'button', /Hi there/);
    finishAnimations(el);
    await expect(el).to.be.accessible();
  });

  it('axe finds no violations when open, in the input-error state and in the meeting state', async () => {
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
    await findByRole(el, 'button', 'Talk to sales');
    finishAnimations(el);
    await expect(el).to.be.accessible();
    byRole(el, 'button', 'Talk to sales')!.click();
    const box = await findByRole(el, 'textbox') as HTMLInputElement;
    box.value = 'nope';
    box.dispatchEvent(new Event('input'));
    byRole(el, 'button', 'Send')!.click();
    await until(() => box.getAttribute('aria-invalid') === 'true', 'the error');
    finishAnimations(el);
    await expect(el).to.be.accessible();
    box.value = 'jo@acme.com';
    box.dispatchEvent(new Event('input'));
    byRole(el, 'button', 'Send')!.click();
    await findByRole(el, 'button', /, \d{2}:\d{2}$/);
    finishAnimations(el);
    await expect(el).to.be.accessible();
  });

  it('the transcript is a polite live log', async () => {
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
    const log = await findByRole(el, 'log');
    expect(log.getAttribute('aria-live')).to.equal('polite');
  });

  it('keyboard alone plays the whole dialogue; focus follows each card; Escape returns to the launcher', async () => {
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    const launcher = await findByRole(el, 'button', 'Open chat');
    launcher.focus();
    await sendKeys({ press: 'Enter' });
    const first = await findByRole(el, 'button', 'Talk to sales');
    await until(() => el.shadowRoot!.activeElement === first, 'focus on the first option');
    await sendKeys({ press: 'Enter' });
    const box = await findByRole(el, 'textbox');
    await until(() => el.shadowRoot!.activeElement === box, 'focus on the input');
    await sendKeys({ type: 'bad' });
    await sendKeys({ press: 'Enter' });
    await until(() => box.getAttribute('aria-invalid') === 'true', 'the error');
    expect(el.shadowRoot!.activeElement).to.equal(box);
    await sendKeys({ type: '@acme.com' });
    await sendKeys({ press: 'Enter' });
    const slot = await findByRole(el, 'button', /, \d{2}:\d{2}$/);
    await until(() => el.shadowRoot!.activeElement === slot, 'focus on the first slot');
    expect(logLines(el)).to.include('bad@acme.com');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).not.to.equal(slot);
    await sendKeys({ press: 'Enter' });
    await until(() => logLines(el).includes('All set!'), 'booked');
    await sendKeys({ press: 'Escape' });
    await until(() => byRole(el, 'dialog') === null, 'closed');
    await until(() => el.shadowRoot!.activeElement === byRole(el, 'button', 'Open chat'), 'focus back on the launcher');
  });
});
