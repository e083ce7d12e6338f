import { expect } from '@open-wc/testing';
import { byRole, cleanPage, findByRole, logLines, mount, RecordingAdapter, testFlow, until } from './element-helpers.js';

describe('<dynamic-chat> basics', () => {
  afterEach(cleanPage);

  it('shows a launcher and a poke, then opens the panel on click', async () => {
    const adapter = new RecordingAdapter();
    const { el, events } = await mount({ flow: testFlow(), adapter });
    expect(events.find((e) => e.type === 'dc-ready')!.detail).to.deep.equal({ dialogueId: 'hello' });
    const launcher = await findByRole(el, 'button', 'Open chat');
    const poke = await findByRole(el, 'button', /Hi there/);
    expect(byRole(el, 'dialog')).to.equal(null);
    poke.click();
    const dialog = await findByRole(el, 'dialog', 'Ava');
    expect(dialog).to.exist;
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    expect(logLines(el)[0]).to.equal('Hi there! See the docs.');
    await findByRole(el, 'button', 'Talk to sales');
  });
});
