/** Agents' ICS feeds served on 127.0.0.1: recurrences, an exception, EXDATE, all-day, transparent, DST; slow, huge and failing feeds. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, testServer } from './helpers.js';

const ICS = readFileSync(new URL('./fixtures/ana.ics', import.meta.url), 'utf8');
const weekdays = { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] } as const;

describe('agents\' calendars', () => {
  let feeds: Server;
  let feedsUrl: string;
  let flaky = 'busy';
  let server: Awaited<ReturnType<typeof testServer>>;
  const logged: string[] = [];
  const started = Date.now();

  beforeAll(async () => {
    feeds = createServer((request, response) => {
      if (request.url === '/ana.ics') return void response.writeHead(200, { 'Content-Type': 'text/calendar' }).end(ICS);
      // Never answers.
      if (request.url === '/hang.ics') return;
      if (request.url === '/huge.ics') {
        // 50 MB of calendar, streamed without a Content-Length.
        response.writeHead(200, { 'Content-Type': 'text/calendar' });
        const chunk = Buffer.alloc(1 << 20, 'X');
        let sent = 0;
        const more = () => {
          while (sent < 50 && response.write(chunk)) sent++;
          if (sent >= 50) response.end();
          else response.once('drain', () => { sent++; more(); });
        };
        response.on('close', () => { sent = 50; });
        return void more();
      }
      if (request.url === '/flaky.ics') {
        if (flaky === 'down') return void response.writeHead(503).end();
        return void response.writeHead(200).end('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261208T090000Z\r\nDTEND:20261208T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
    feedsUrl = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
    server = await testServer('pglite', {
      agents: [
        { id: 'ana', name: 'Ana', timeZone: 'Europe/Rome', weekly: weekdays as never, calendarUrl: `${feedsUrl}/ana.ics` },
        { id: 'ben', name: 'Ben', timeZone: 'UTC', calendarUrl: `${feedsUrl}/hang.ics` },
        { id: 'cho', name: 'Cho', timeZone: 'UTC', calendarUrl: `${feedsUrl}/huge.ics` },
      ],
      // The clock moves (from the tests' fixed day), so cached feeds grow stale.
      now: () => new Date(NOW.getTime() + Date.now() - started),
      log: (line) => logged.push(line),
      calendars: { fetchTimeoutMs: 6000, waitMs: 1500, ttlMs: 200 },
    });
  });
  afterAll(async () => {
    await server?.close();
    feeds.closeAllConnections();
    await new Promise((resolve) => feeds.close(resolve));
  });

  const slots = async (agentIds: string, from: string, to: string) => {
    const query = new URLSearchParams({ dialogueId: 'demo', agentIds, durationMinutes: '30', from, to, timeZone: 'Europe/Rome' });
    const answer = await fetch(`${server.url}/slots?${query}`);
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { slots: Array<{ start: string }> }).slots.map((slot) => slot.start);
  };
  const at = (iso: string) => new Date(iso).toISOString();

  it('removes exactly the busy slots: a weekly meeting, its moved and cancelled occurrences, an all-day event; a transparent event stays free', async () => {
    const offered = await slots('ana', '2026-12-07T00:00:00Z', '2026-12-15T00:00:00Z');
    // Mon 7 Dec, 10:00 in Rome (09:00 UTC): the weekly meeting; 09:30 and 10:30 Rome are free.
    expect(offered).not.toContain(at('2026-12-07T09:00:00Z'));
    expect(offered).toContain(at('2026-12-07T08:30:00Z'));
    expect(offered).toContain(at('2026-12-07T09:30:00Z'));
    // Wed 9 Dec: this occurrence moved from 10:00 to 14:00 Rome.
    expect(offered).toContain(at('2026-12-09T09:00:00Z'));
    expect(offered).not.toContain(at('2026-12-09T13:00:00Z'));
    // Thu 10 Dec: all day away.
    expect(offered.filter((start) => start.startsWith('2026-12-10'))).toEqual([]);
    // Fri 11 Dec: the transparent focus time does not block.
    expect(offered).toContain(at('2026-12-11T08:00:00Z'));
    // Mon 14 Dec: the EXDATE cancels that week's meeting.
    expect(offered).toContain(at('2026-12-14T09:00:00Z'));
    // Every other working slot is offered: 16 a day on 6 working days, minus Thursday and the 2 meetings.
    expect(offered).toHaveLength(16 * 6 - 16 - 2);
  });

  it('follows the meeting across the DST change: 10:00 in Rome is 09:00 UTC before and 08:00 UTC after', async () => {
    const offered = await slots('ana', '2027-03-22T00:00:00Z', '2027-03-30T00:00:00Z');
    expect(offered).not.toContain(at('2027-03-22T09:00:00Z'));
    expect(offered).toContain(at('2027-03-22T08:00:00Z'));
    expect(offered).not.toContain(at('2027-03-29T08:00:00Z'));
    expect(offered).toContain(at('2027-03-29T09:00:00Z'));
  });

  it('answers /slots in bounded time when one feed hangs and another sends 50 MB, and reports both failures', async () => {
    const t0 = Date.now();
    const offered = await slots('ben,cho', '2026-12-08T00:00:00Z', '2026-12-09T00:00:00Z');
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(offered.length).toBeGreaterThan(0);
    // The fetches end on their own (size limit, timeout), in the background, and are reported.
    const health = async () => {
      const queue = await (await fetch(`${server.url}/admin/api/queue`, { headers: { Authorization: `Bearer ${server.token}` } })).json() as { agents: Array<{ id: string; calendar: { ok: boolean; error?: string } }> };
      return Object.fromEntries(queue.agents.map((a) => [a.id, a.calendar]));
    };
    await expect.poll(health, { timeout: 20_000, interval: 500 }).toMatchObject({
      ana: { ok: true },
      ben: { ok: false, error: expect.stringMatching(/timed out/) },
      cho: { ok: false, error: expect.stringMatching(/larger than/) },
    });
    // The secret feed addresses never reach the log.
    expect(logged.join('\n')).not.toContain(feedsUrl);
  });

  it('keeps offering around the last known busy times when a feed goes down', async () => {
    const { createCalendars } = await import('../src/services/calendars.js');
    const lines: string[] = [];
    let clock = NOW.getTime();
    const calendars = createCalendars({ now: () => new Date(clock), log: (line) => lines.push(line), ttlMs: 1000 });
    const agent = { id: 'dee', name: 'Dee', timeZone: 'UTC', calendarUrl: `${feedsUrl}/flaky.ics` };
    const busy = [{ agentId: 'dee', start: Date.parse('2026-12-08T09:00:00Z'), end: Date.parse('2026-12-08T10:00:00Z') }];
    expect(await calendars.busy([agent])).toEqual(busy);
    flaky = 'down';
    clock += 5000;
    expect(await calendars.busy([agent])).toEqual(busy);
    expect(calendars.health(agent)).toMatchObject({ ok: false, error: 'HTTP 503' });
    expect(lines.join('\n')).toMatch(/calendar of agent dee failed \(HTTP 503\); using the busy times from 2026-12-07/);
  });
});
