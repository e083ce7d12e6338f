// What the widget reads back from storage is untrusted input, and a storage that refuses a save is said.
import { expect } from '@open-wc/testing';
import { cleanPage, findByRole, logLines, mount, RecordingAdapter, testFlow, toMeeting, until } from './element-helpers.js';

/** Records page errors and console warnings while a test runs. */
function watchPage() {
  const errors: string[] = [];
  const warnings: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(e.message);
  const onRejection = (e: PromiseRejectionEvent) => errors.push(String(e.reason));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
    warn.apply(console, args);
  };
  return {
    errors, warnings,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      console.warn = warn;
    },
  };
}

describe('<dynamic-chat> with tampered storage', () => {
  afterEach(cleanPage);

  const tamperings: Array<[string, (saved: { state: Record<string, any> }) => void]> = [
    ['a transcript entry that is null', (saved) => { saved.state.transcript.push(null); }],
    ['a markdown node without children', (saved) => { saved.state.transcript[0].tree = [{ type: 'bold' }]; }],
    ['an awaited card the dialogue does not have', (saved) => { saved.state.awaiting = { kind: 'input', cardId: 'gone' }; }],
    ['a choice card whose options are not a list', (saved) => { saved.state.dialogue.cards.ask.options = null; }],
  ];
  for (const [what, tamper] of tamperings) {
    it(`a saved conversation with ${what}: the dialogue plays from the start, with a console warning and no page error`, async () => {
      const flow = testFlow({ autoOpen: true });
      const first = await mount({ flow, adapter: new RecordingAdapter() });
      (await findByRole(first.el, 'button', 'Talk to sales')).click();
      await findByRole(first.el, 'textbox');
      first.el.remove();
      const saved = JSON.parse(sessionStorage.getItem('dc:conversation')!) as { state: Record<string, any> };
      saved.state.awaiting = { kind: 'choice', cardId: 'ask' };
      tamper(saved);
      sessionStorage.setItem('dc:conversation', JSON.stringify(saved));

      const page = watchPage();
      try {
        const { el, events } = await mount({ flow, adapter: new RecordingAdapter() });
        const option = await findByRole(el, 'button', 'Talk to sales');
        expect(logLines(el)[0]).to.contain('Hi there!');
        expect(logLines(el).join('\n'), 'the tampered transcript is gone').not.to.contain('Talk to sales');
        expect(events.filter((e) => e.type === 'dc-dialogue-start'), 'a fresh start').to.have.length(1);
        expect(page.warnings.join('\n')).to.contain('dc:conversation');
        option.click();
        await findByRole(el, 'textbox', 'Your work email?');
        // The fresh conversation replaced the bad one: a reload resumes it.
        el.remove();
        const again = await mount({ flow, adapter: new RecordingAdapter() });
        await findByRole(again.el, 'textbox', 'Your work email?');
        expect(page.errors).to.deep.equal([]);
      } finally {
        page.stop();
      }
    });
  }
});

describe('<dynamic-chat> with a full sessionStorage', () => {
  afterEach(cleanPage);

  /** Fills sessionStorage until it refuses even a few characters more. */
  function fillSessionStorage(): void {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size >>= 2) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          sessionStorage.setItem(`fill-${n++}`, chunk);
        } catch {
          break;
        }
      }
    }
  }

  it('says save-failed once (a reload would restart the dialogue), and the dialogue plays on', async () => {
    fillSessionStorage();
    const page = watchPage();
    try {
      const { el, events } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
      const slot = await toMeeting(el);
      const failures = events.filter((e) => e.type === 'dc-error' && (e.detail as { code: string }).code === 'save-failed');
      expect(failures, 'said once, not on every step').to.have.length(1);
      expect((failures[0].detail as { message: string }).message).to.match(/could not be saved for a reload/);
      expect(page.errors).to.deep.equal([]);

      // Room again: the next save works, and a later failure is a new streak, said once more.
      for (let n = 0; n < 4; n++) sessionStorage.removeItem(`fill-${n}`);
      slot.click();
      await until(() => logLines(el).includes('All set!'), 'booked');
      expect(JSON.parse(sessionStorage.getItem('dc:conversation')!).state.status).to.equal('completed');
      expect(events.filter((e) => e.type === 'dc-error' && (e.detail as { code: string }).code === 'save-failed')).to.have.length(1);
    } finally {
      page.stop();
    }
  });
});
