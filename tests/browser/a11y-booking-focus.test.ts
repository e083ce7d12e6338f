// Where keyboard focus is while a meeting books on the modal phone panel (WCAG 2.4.3, 2.4.11):
// always inside the panel, never on the page hidden under it.
import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { MeetingRequest, SlotQuery } from '../../src/adapters/types.js';
import type { Booking, Slot } from '../../src/engine/types.js';
import { allByRole, byRole, cleanPage, findByRole, logLines, mount, RecordingAdapter, testFlow, toMeeting, until, type DynamicChat } from './element-helpers.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A backend that takes its time: `bookMs` to book, `reloadMs` to list the free times after the first time. */
class SlowAdapter extends RecordingAdapter {
  /** Calls to findSlots so far, counted as they start. */
  asked = 0;

  constructor(private bookMs: number, private reloadMs = 0) {
    super();
  }

  override async bookMeeting(r: MeetingRequest): Promise<Booking> {
    await pause(this.bookMs);
    return super.bookMeeting(r);
  }

  override async findSlots(q: SlotQuery): Promise<Slot[]> {
    if (this.asked++ > 0) await pause(this.reloadMs);
    return super.findSlots(q);
  }
}

/** Where focus is: in the widget's panel, on the page link, or elsewhere (the tag name). */
function focusIn(el: DynamicChat, link: HTMLElement): string {
  if (document.activeElement === link) return 'page link';
  const inside = el.shadowRoot!.activeElement;
  return inside && byRole(el, 'dialog', 'Ava')?.contains(inside) ? 'panel' : document.activeElement?.tagName ?? 'none';
}

describe('<dynamic-chat> focus while booking on the modal phone panel', () => {
  let link: HTMLAnchorElement;
  beforeEach(async () => {
    await setViewport({ width: 375, height: 667 });
    link = document.createElement('a');
    link.href = '#behind';
    link.textContent = 'A page link under the panel';
    document.body.append(link);
  });
  afterEach(async () => {
    cleanPage();
    link.remove();
    await setViewport({ width: 1024, height: 768 });
  });

  /** Opens the modal panel, plays to the meeting card and picks the first slot with Enter. */
  async function pickSlotByKeyboard(adapter: RecordingAdapter): Promise<DynamicChat> {
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter });
    expect((await findByRole(el, 'dialog', 'Ava')).getAttribute('aria-modal')).to.equal('true');
    const slot = await toMeeting(el);
    slot.focus();
    await sendKeys({ press: 'Enter' });
    return el;
  }

  it('while a slot books, focus stays in the panel and Tab does not reach the page', async () => {
    const el = await pickSlotByKeyboard(new SlowAdapter(1500));
    await pause(300);
    expect(focusIn(el, link), 'focus while booking').to.equal('panel');
    await sendKeys({ press: 'Tab' });
    expect(focusIn(el, link), 'focus after Tab while booking').to.equal('panel');
    await until(() => logLines(el).includes('All set!'), 'the booking confirmed');
    expect(focusIn(el, link), 'focus once booked').to.equal('panel');
  });

  it('a failed booking keeps focus in the panel while the free times load again, then on a slot', async () => {
    const adapter = new SlowAdapter(200, 1500);
    adapter.failBookings = 1;
    const el = await pickSlotByKeyboard(adapter);
    // The booking failed and the card is empty while the free times load again.
    await until(() => adapter.asked === 2, 'the free times asked for again');
    await pause(200);
    expect(allByRole(el, 'button', /, \d{2}:\d{2}$/).length, 'no slot while they load').to.equal(0);
    expect(focusIn(el, link), 'focus while the free times load again').to.equal('panel');
    await sendKeys({ press: 'Tab' });
    expect(focusIn(el, link), 'focus after Tab while they load').to.equal('panel');
    await findByRole(el, 'button', /, \d{2}:\d{2}$/);
    await until(() => el.shadowRoot!.activeElement?.getAttribute('part') === 'slot', 'focus on a slot again');
  });
});
