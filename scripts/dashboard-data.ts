/**
 * Demo data for the dashboard, sent through the public protocol (§3) of a running server, as
 * widgets would: `sessions` visits spread over the last 90 days (every dialogue of the flow
 * triggered; some engaged, completed, gave their email and name, reached a goal) and `meetings`
 * bookings on the slots the server offers. Deterministic (a seeded generator), so two runs match.
 */

/** What to send. */
export interface DashboardData { sessions: number; meetings: number; dialogues: string[]; agentIds: string[] }

const FIRST = ['Ada', 'Ben', 'Chloé', 'Dmitri', 'Eun-ji', 'Femi', 'Grace', 'Hiro', 'Inès', 'Jonas', 'Kwame', 'Lena', 'Mateo', 'Nora', 'Omar', 'Priya'];
const LAST = ['Lovelace', 'Okafor', 'Dubois', 'Ivanov', 'Kim', 'Adeyemi', 'Hopper', 'Tanaka', 'Martin', 'Berg', 'Mensah', 'Novak', 'García', 'Lind', 'Haddad', 'Shah'];
const PAGES = ['/pricing', '/product', '/docs/start', '/blog/launch', '/contact'];

/** A small seeded generator (mulberry32): the same numbers on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function post(url: string, body: unknown): Promise<Response> {
  const answer = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!answer.ok && answer.status !== 409) throw new Error(`POST ${url}: ${answer.status} ${await answer.text()}`);
  return answer;
}

/** A lead the data made: its session, dialogue and name. */
export interface DemoLead { sessionId: string; dialogueId: string; email: string; firstName: string; lastName: string }

/** Sends the data to the server at `base` (whose clock says `now`); returns the leads it made. */
export async function sendDashboardData(base: string, data: DashboardData, now = new Date()): Promise<DemoLead[]> {
  const next = random(12);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
  const events: unknown[] = [];
  const leads: DemoLead[] = [];
  const fields: unknown[] = [];
  for (let i = 0; i < data.sessions; i++) {
    // More visits in recent weeks, as a growing site has.
    const at = new Date(now.getTime() - Math.floor(90 * next() ** 1.6 * 86_400_000) - 60_000);
    const sessionId = `demo-session-${i}`;
    const visitorId = `demo-visitor-${i % Math.ceil(data.sessions * 0.8)}`;
    const dialogueId = pick(data.dialogues);
    const page = pick(PAGES);
    const event = (type: string, offset: number, extra = {}) => events.push({
      type, dialogueId, sessionId, visitorId, page: `https://northwind.example${page}`, at: new Date(at.getTime() + offset * 1000).toISOString(), key: `${sessionId}-${type}-${offset}`, ...extra,
    });
    event('triggered', 0);
    if (next() < 0.55) {
      event('engaged', 5);
      if (next() < 0.5) {
        const firstName = pick(FIRST);
        const lastName = pick(LAST);
        const email = `${firstName.normalize('NFD').replace(/[^A-Za-z-]/g, '').toLowerCase()}.${lastName.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}${i}@example.com`;
        leads.push({ sessionId, dialogueId, email, firstName, lastName });
        event('acquired', 20);
        if (next() < 0.1) event('meeting', 30);
        fields.push({
          sessionId, visitorId, dialogueId, fields: { email, firstName, lastName, company: pick(['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli']) },
          page: `https://northwind.example${page}`, at: new Date(at.getTime() + 20_000).toISOString(), key: `${sessionId}-fields`,
        });
      }
      if (next() < 0.6) event('completed', 40);
      if (next() < 0.2) event('goal', 45, { goal: 'pricing-viewed' });
    } else if (next() < 0.3) event('closed', 8);
  }
  // Twenty at a time, as many widgets would send them.
  for (let i = 0; i < fields.length; i += 20) await Promise.all(fields.slice(i, i + 20).map((body) => post(`${base}/fields`, body)));
  for (let i = 0; i < events.length; i += 100) await post(`${base}/events`, events.slice(i, i + 100));
  await bookMeetings(base, data, leads.slice(0, data.meetings), now);
  return leads;
}

/** Books one meeting per lead on the first free slots the server offers (over 14 days after `now`, the server's clock). */
export async function bookMeetings(base: string, data: Pick<DashboardData, 'agentIds'>, leads: DemoLead[], now = new Date()): Promise<void> {
  if (!leads.length) return;
  const from = new Date(now.getTime() + 3_600_000).toISOString();
  const to = new Date(now.getTime() + 14 * 86_400_000).toISOString();
  const query = new URLSearchParams({ dialogueId: leads[0].dialogueId, agentIds: data.agentIds.join(','), durationMinutes: '30', from, to, timeZone: 'UTC' });
  const { slots } = await (await fetch(`${base}/slots?${query}`)).json() as { slots: Array<{ start: string; end: string; agentIds: string[] }> };
  for (const [i, lead] of leads.entries()) {
    // Every other slot, so a day's slots are not all gone.
    const slot = slots[i * 2];
    if (!slot) return;
    await post(`${base}/meetings`, {
      sessionId: lead.sessionId, dialogueId: lead.dialogueId, slot, lead: { email: lead.email, firstName: lead.firstName }, key: `${lead.sessionId}-meeting`,
    });
  }
}
