/** Invitation emails over a real SMTP server on 127.0.0.1: the invitation and its .ics, the agent's notice, cancellation, SMTP down, no SMTP. */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, post, testFlow, testServer } from './helpers.js';
import { until } from './receiver.js';
import { header, mimePart, startSmtp, type Smtp } from './smtp.js';

const FAST = { intervalMs: 50, timeoutMs: 2000, baseDelayMs: 40, maxDelayMs: 200, giveUpAfterMs: 60_000, smtpTimeoutMs: 2000 };
const meetings = (testFlow.settings as { meetings: object }).meetings;
const flow = {
  ...testFlow,
  settings: { ...(testFlow.settings as object), meetings: { ...meetings, inviteMessage: 'Hi {{lead.firstName | there}}, **Ana** is looking forward to it. [Agenda](https://shop.example/agenda)' } },
};

const meeting = (key: string, start: string, email: string) => ({
  sessionId: `s-${key}`, dialogueId: 'demo', key, lead: { email, firstName: 'Pat', lastName: 'Lee', role: 'CTO' },
  slot: { start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString(), agentIds: ['ana'] },
});

const admin = (server: { url: string; token: string }, path: string, init: RequestInit = {}) =>
  fetch(`${server.url}/admin/api${path}`, { ...init, headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...init.headers } });

/** The VEVENT of a message's calendar part, with the calendar's METHOD. */
function calendarOf(raw: string): { method: string; event: ICAL.Event } {
  const ics = mimePart(raw, 'text/calendar');
  expect(ics).toBeTruthy();
  const calendar = new ICAL.Component(ICAL.parse(ics!));
  return { method: String(calendar.getFirstPropertyValue('method')), event: new ICAL.Event(calendar.getFirstSubcomponent('vevent')!) };
}

describe.each(drivers)('invitation emails on %s', (driver) => {
  let smtp: Smtp;
  let server: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    server = await testServer(driver, { flow, smtpUrl: smtp.url, delivery: FAST });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('sends the visitor an invitation from the agent whose .ics parses to the booked time, and the agent the lead\'s answers', async () => {
    const start = '2026-12-08T10:00:00.000Z';
    const answer = await post(`${server.url}/meetings`, meeting('e-1', start, 'Pat@Example.com'), 'e-1');
    expect(answer.status).toBe(201);
    const { booking } = (await answer.json()) as { booking: { id: string } };
    await until(() => smtp.messages.length === 2, 'two messages');
    const invitation = smtp.messages.find((m) => m.to.includes('pat@example.com'))!;
    expect(invitation.from).toBe('ana@example.com');
    expect(header(invitation.raw, 'From')).toMatch(/Ana.*<ana@example\.com>/);
    expect(header(invitation.raw, 'Subject')).toMatch(/^Invitation: meeting with Ana/);
    expect(mimePart(invitation.raw, 'text/plain')).toContain('Hi Pat, Ana is looking forward to it. Agenda (https://shop.example/agenda)');
    const { method, event } = calendarOf(invitation.raw);
    expect(method).toBe('REQUEST');
    expect(event.startDate.toJSDate().toISOString()).toBe(start);
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-08T10:30:00.000Z');
    expect(event.uid).toBe(`${booking.id}@dynamic-chat`);
    expect(event.sequence).toBe(0);
    expect(event.organizer).toBe('mailto:ana@example.com');
    expect(event.attendees.map((a) => a.getFirstValue())).toEqual(['mailto:pat@example.com']);
    expect(event.component.getFirstPropertyValue('dtstamp')).toBeTruthy();

    const notice = smtp.messages.find((m) => m.to.includes('ana@example.com'))!;
    const text = mimePart(notice.raw, 'text/plain')!;
    expect(text).toContain('Pat Lee <pat@example.com> booked a meeting with you.');
    expect(text).toContain('firstName: Pat');
    expect(text).toContain('role: CTO');

    // Cancelling in the dashboard sends METHOD:CANCEL for the same UID with a higher SEQUENCE.
    const cancel = await admin(server, `/meetings/${booking.id}`, { method: 'PATCH', body: JSON.stringify({ status: 'cancelled' }) });
    expect(cancel.status).toBe(200);
    await until(() => smtp.messages.length === 3, 'the cancellation');
    const cancelled = calendarOf(smtp.messages[2].raw);
    expect(smtp.messages[2].to).toEqual(['pat@example.com']);
    expect(cancelled.method).toBe('CANCEL');
    expect(cancelled.event.uid).toBe(event.uid);
    expect(cancelled.event.sequence).toBeGreaterThan(event.sequence);
    expect(cancelled.event.startDate.toJSDate().toISOString()).toBe(start);
    expect(String(cancelled.event.component.getFirstPropertyValue('status'))).toBe('CANCELLED');
  });

  it('reports the email settings and sends a test message', async () => {
    const state = await (await admin(server, '/email')).json();
    expect(state).toMatchObject({ configured: true, smtp: expect.stringMatching(/^smtp:\/\/test:\*\*\*@127\.0\.0\.1:/), queued: 0, sent: 3, lastError: null });
    const before = smtp.messages.length;
    const test = await admin(server, '/email/test', { method: 'POST', body: JSON.stringify({ to: 'owner@shop.example' }) });
    expect(test.status).toBe(200);
    expect(smtp.messages.slice(before).map((m) => m.to)).toEqual([['owner@shop.example']]);
    expect((await admin(server, '/email/test', { method: 'POST', body: JSON.stringify({ to: 'not an address' }) })).status).toBe(400);
  });
});

describe.each(drivers)('emails while SMTP is down or unset on %s', (driver) => {
  it('keeps the invitation queued while the SMTP server is down and sends it when it is back', async () => {
    // A port that was free a moment ago: nothing listens there until the SMTP server starts on it.
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close();
    const server = await testServer(driver, { flow, smtpUrl: `smtp://127.0.0.1:${port}`, delivery: FAST });
    let smtp: Smtp | null = null;
    try {
      expect((await post(`${server.url}/meetings`, meeting('d-1', '2026-12-09T10:00:00.000Z', 'dana@example.com'), 'd-1')).status).toBe(201);
      type EmailState = { configured: boolean; queued: number; lastError: string | null };
      const state = async () => (await (await admin(server, '/email')).json()) as EmailState;
      await until(async () => (await state()).lastError !== null, 'a failed attempt');
      expect(await state()).toMatchObject({ configured: true, queued: 2, lastError: expect.stringMatching(/ECONNREFUSED/) });
      smtp = await startSmtp(port);
      await until(() => smtp!.messages.length === 2, 'both messages once SMTP is back');
      expect(calendarOf(smtp.messages.find((m) => m.to.includes('dana@example.com'))!.raw).method).toBe('REQUEST');
      await until(async () => (await state()).queued === 0, 'an empty queue');
      expect((await state()).lastError).toBeNull();
    } finally {
      await server.close();
      await smtp?.close();
    }
  });

  it('gives an email the SMTP server refuses for good (5xx) up at once, with the error, and the agent\'s notice does not wait behind it', async () => {
    const smtp = await startSmtp(0, ['nobody@example.com']);
    const server = await testServer(driver, { flow, smtpUrl: smtp.url, delivery: FAST });
    try {
      expect((await post(`${server.url}/meetings`, meeting('p-1', '2026-12-09T11:00:00.000Z', 'nobody@example.com'), 'p-1')).status).toBe(201);
      await until(() => smtp.messages.some((m) => m.to.includes('ana@example.com')), 'the agent\'s notice');
      const rows = async () => server.db.query<{ type: string; state: string; attempts: number; error: string | null }>(
        `SELECT type, state, attempts, last_error AS error FROM outbox WHERE channel = 'email' ORDER BY id`);
      await until(async () => (await rows())[0].state === 'given-up', 'the invitation given up');
      expect(await rows()).toEqual([
        { type: 'invitation', state: 'given-up', attempts: 1, error: expect.stringMatching(/550/) },
        { type: 'agent-notice', state: 'sent', attempts: 1, error: null },
      ]);
      expect(await (await admin(server, '/email')).json()).toMatchObject({ queued: 0, sent: 1, givenUp: 1, givenUpError: expect.stringMatching(/550/) });
    } finally {
      await server.close();
      await smtp.close();
    }
  });

  it('ends an SMTP exchange that outlasts half the lease (closing the connection), so no other instance sends the email meanwhile', async () => {
    // A server that accepts the connection and never greets: only the overall deadline ends the attempt before the lease.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const server = await testServer(driver, { flow, smtpUrl: `smtp://127.0.0.1:${port}`, delivery: { ...FAST, smtpTimeoutMs: 10_000, leaseMs: 1000 } });
    try {
      expect((await post(`${server.url}/meetings`, meeting('h-1', '2026-12-09T12:00:00.000Z', 'hal@example.com'), 'h-1')).status).toBe(201);
      const attempts = async () => server.db.query<{ error: string; ms: number }>(
        "SELECT d.error, d.duration_ms AS ms FROM deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE o.channel = 'email' ORDER BY d.id");
      await until(async () => (await attempts()).length > 0, 'a first attempt');
      const [first] = await attempts();
      expect(first.error).toMatch(/no end to the SMTP exchange within 500 ms/);
      expect(first.ms).toBeLessThan(1000);
      await until(() => sockets.every((socket) => socket.closed), 'the connections closed');
    } finally {
      await server.close();
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('without SMTP_URL keeps emails queued, says so, and erasing the person deletes them', async () => {
    const server = await testServer(driver, { flow, delivery: FAST });
    try {
      expect((await post(`${server.url}/meetings`, meeting('u-1', '2026-12-10T10:00:00.000Z', 'una@example.com'), 'u-1')).status).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await (await admin(server, '/email')).json()).toMatchObject({ configured: false, smtp: null, queued: 2, lastError: null });
      const test = await admin(server, '/email/test', { method: 'POST', body: JSON.stringify({ to: 'owner@shop.example' }) });
      expect(test.status).toBe(409);
      expect(((await test.json()) as { error: { message: string } }).error.message).toMatch(/SMTP_URL/);
      // An "email" that is a list of addresses gets no invitation (the agent's notice still goes).
      expect((await post(`${server.url}/meetings`, meeting('u-2', '2026-12-10T11:00:00.000Z', 'a@x.example, b@y.example'), 'u-2')).status).toBe(201);
      const ofListBooking = "FROM outbox WHERE lead_id = (SELECT lead_id FROM meetings WHERE session_id = 's-u-2')";
      expect((await server.db.query<{ type: string }>(`SELECT type ${ofListBooking}`)).map((k) => k.type)).toEqual(['agent-notice']);
      await server.db.query(`DELETE ${ofListBooking}`);
      // Erasing the person deletes what was still queued for them, and says so; only the cancellation of her upcoming meeting is left to send.
      const erased = await admin(server, `/leads/${encodeURIComponent('una@example.com')}`, { method: 'DELETE' });
      expect(((await erased.json()) as { erased: object }).erased).toMatchObject({ emails: 2, webhooks: 0, cancelled: 1, meetings: 1 });
      expect(await (await admin(server, '/email')).json()).toMatchObject({ queued: 1 });
      expect(await server.db.query('SELECT type FROM outbox')).toEqual([{ type: 'cancellation' }]);
    } finally {
      await server.close();
    }
  });
});
