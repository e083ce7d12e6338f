import { expect } from '@open-wc/testing';
import { allByRole, byRole, cleanPage, findByRole, logLines, mount, RecordingAdapter, testFlow, until, type DynamicChat } from './element-helpers.js';

async function toMeeting(adapter: RecordingAdapter, attrs: Record<string, string> = {}): Promise<{ el: DynamicChat; events: Array<{ type: string; detail: unknown }> }> {
  const mounted = await mount({ flow: testFlow({ autoOpen: true }), adapter, attrs });
  const { el } = mounted;
  (await findByRole(el, 'button', 'Talk to sales')).click();
  const box = await findByRole(el, 'textbox') as HTMLInputElement;
  box.value = 'jo@acme.com';
  box.dispatchEvent(new Event('input'));
  (await findByRole(el, 'button', 'Send')).click();
  return mounted;
}

function localName(iso: string): string {
  const d = new Date(iso);
  const weekday = d.toLocaleDateString('en-GB', { weekday: 'short' });
  const month = d.toLocaleDateString('en-GB', { month: 'short' });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return `${weekday} ${d.getDate()} ${month}, ${time}`;
}

describe('<dynamic-chat> meeting card', () => {
  afterEach(cleanPage);

  it('a booking with an unreadable end from a custom adapter is a booking-failed error, and the panel keeps working', async () => {
    const adapter = new RecordingAdapter();
    const book = adapter.bookMeeting.bind(adapter);
    adapter.bookMeeting = async (r) => ({ ...(await book(r)), end: '' });
    const { el, events } = await toMeeting(adapter);
    (await findByRole(el, 'button', localName(adapter.slots[0].start))).click();
    await until(() => events.some((e) => e.type === 'dc-error'), 'dc-error');
    expect((events.find((e) => e.type === 'dc-error')!.detail as { code: string }).code).to.equal('booking-failed');
    adapter.bookMeeting = book;
    (await findByRole(el, 'button', localName(adapter.slots[0].start))).click();
    await until(() => logLines(el).includes('All set!'), 'booked on the second try');
  });

  it('a saved conversation holding a booking with a bad end or no id still shows, without its calendar link', async () => {
    const flow = testFlow({ autoOpen: true });
    // Still active after the booking, so a reload restores it rather than starting over.
    flow.dialogues[0].cards.booked = { type: 'choice', text: 'All set! Anything else?', options: [{ label: 'No', next: 'bye' }] };
    const first = await mount({ flow, adapter: new RecordingAdapter() });
    (await findByRole(first.el, 'button', 'Talk to sales')).click();
    const box = await findByRole(first.el, 'textbox') as HTMLInputElement;
    box.value = 'jo@acme.com';
    box.dispatchEvent(new Event('input'));
    (await findByRole(first.el, 'button', 'Send')).click();
    (await findByRole(first.el, 'button', /, \d{2}:\d{2}$/)).click();
    await findByRole(first.el, 'link', 'Add to calendar');
    first.el.remove();
    const saved = JSON.parse(sessionStorage.getItem('dc:conversation')!);
    for (const entry of saved.state.transcript) {
      if (entry.booking) {
        entry.booking.end = '';
        delete entry.booking.id;
      }
    }
    sessionStorage.setItem('dc:conversation', JSON.stringify(saved));
    const { el } = await mount({ flow, adapter: new RecordingAdapter() });
    (await findByRole(el, 'button', 'No')).click();
    await until(() => logLines(el).includes('Happy browsing!'), 'the dialogue goes on');
    expect(byRole(el, 'link', 'Add to calendar')).to.equal(null);
  });

  it('offers the adapter\'s slots grouped by local day, each named by its local time', async () => {
    const adapter = new RecordingAdapter();
    const { el } = await toMeeting(adapter);
    const first = await findByRole(el, 'button', localName(adapter.slots[0].start));
    expect(first.textContent!.trim()).to.match(/^\d{2}:\d{2}$/);
    expect(byRole(el, 'button', localName(adapter.slots[2].start))).to.exist;
    const days = [...el.shadowRoot!.querySelectorAll('.day-label')].map((d) => d.textContent);
    expect(days).to.have.length(2);
    expect(el.shadowRoot!.activeElement, 'focus moves to the first slot').to.equal(first);
    const query = adapter.queries[0];
    expect(query).to.include({ dialogueId: 'hello', durationMinutes: 30, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    expect(query.agentIds).to.deep.equal(['ana', 'ben']);
    expect(Date.parse(query.to) - Date.parse(query.from)).to.equal(7 * 86_400_000);
  });

  it('offers every slot as a button, however many days they span', async () => {
    const adapter = new RecordingAdapter();
    adapter.slots = Array.from({ length: 6 }, (_, i) => {
      const start = new Date();
      start.setDate(start.getDate() + i + 1);
      start.setHours(10, 0, 0, 0);
      return { start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(), agentIds: ['ana'] };
    });
    const { el } = await toMeeting(adapter);
    await findByRole(el, 'button', localName(adapter.slots[0].start));
    for (const slot of adapter.slots) expect(byRole(el, 'button', localName(slot.start)), localName(slot.start)).to.exist;
    expect(el.shadowRoot!.querySelectorAll('.day-label')).to.have.length(6);
  });

  it('books a slot and confirms naming the agent and the time, with an .ics calendar link', async () => {
    const adapter = new RecordingAdapter();
    const { el, events } = await toMeeting(adapter);
    const slot = adapter.slots[1];
    (await findByRole(el, 'button', localName(slot.start))).click();
    await until(() => logLines(el).includes('All set!'), 'the end message');
    expect(adapter.bookings[0].slot).to.deep.equal(slot);
    expect(adapter.bookings[0].lead.email).to.equal('jo@acme.com');
    const confirmation = logLines(el).find((line) => line.includes('Ben'));
    expect(confirmation, 'a confirmation naming the agent').to.exist;
    const link = await findByRole(el, 'link', 'Add to calendar') as HTMLAnchorElement;
    expect(link.href).to.match(/^blob:/);
    expect(link.getAttribute('download')).to.match(/\.ics$/);
    const ics = await (await fetch(link.href)).text();
    expect(ics).to.include('BEGIN:VEVENT');
    expect(ics).to.include(`DTSTART:${slot.start.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
    expect(events.find((e) => e.type === 'dc-meeting-booked')!.detail).to.deep.include({ dialogueId: 'hello' });
    await until(() => adapter.events.some((e) => e.type === 'meeting'), 'meeting tracked');
  });

  it('a failed booking shows an error with "Try again" and offers the remaining slots', async () => {
    const adapter = new RecordingAdapter();
    adapter.failBookings = 1;
    const { el, events } = await toMeeting(adapter);
    const taken = adapter.slots[0];
    (await findByRole(el, 'button', localName(taken.start))).click();
    await findByRole(el, 'alert');
    await findByRole(el, 'button', 'Try again');
    await until(() => allByRole(el, 'button', /\d{2}:\d{2}$/).length === 2, 'the remaining slots');
    expect(byRole(el, 'button', localName(taken.start)), 'the taken slot is gone').to.equal(null);
    expect(events.some((e) => e.type === 'dc-error' && (e.detail as { code: string }).code === 'booking-failed')).to.equal(true);
    (await findByRole(el, 'button', localName(adapter.slots[0].start))).click();
    await until(() => logLines(el).includes('All set!'), 'booked on the second try');
  });

  it('a locale Intl does not know still names slots (in English)', async () => {
    const adapter = new RecordingAdapter();
    const { el } = await toMeeting(adapter, { locale: 'not a locale!' });
    await findByRole(el, 'button', localName(adapter.slots[0].start));
  });

  it('goes to the fallback when no slot is free', async () => {
    const adapter = new RecordingAdapter();
    adapter.slots = [];
    const { el } = await toMeeting(adapter);
    await until(() => logLines(el).includes('Nobody is free; we will email you.'), 'the fallback');
  });

  it('a failing slot search offers "Try again"', async () => {
    const adapter = new RecordingAdapter();
    let fail = true;
    const findSlots = adapter.findSlots.bind(adapter);
    adapter.findSlots = async (q) => {
      if (fail) throw new Error('offline');
      return findSlots(q);
    };
    const { el } = await toMeeting(adapter);
    const retry = await findByRole(el, 'button', 'Try again');
    fail = false;
    retry.click();
    await findByRole(el, 'button', localName(adapter.slots[0].start));
  });

  it('a double click on "Try again" searches for slots once', async () => {
    const adapter = new RecordingAdapter();
    let calls = 0;
    const findSlots = adapter.findSlots.bind(adapter);
    adapter.findSlots = async (q) => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return findSlots(q);
    };
    const { el } = await toMeeting(adapter);
    const retry = await findByRole(el, 'button', 'Try again');
    retry.click();
    retry.click();
    await findByRole(el, 'button', localName(adapter.slots[0].start));
    expect(calls, 'the first search and one retry').to.equal(2);
  });
});
