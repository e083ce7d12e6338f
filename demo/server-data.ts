/** The Data tab's source under `npm run demo`: the reference server's admin API, reached through the dev server. */
import type { DataSource, LeadRow, MeetingRow, QueueRow, ReportRow } from './data.js';

/** Where the dev server (scripts/demo.ts) forwards to /admin/api, adding the admin token itself. */
const ADMIN = '/api/admin';

async function read<T>(path: string): Promise<T> {
  const response = await fetch(`${ADMIN}/${path}`, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null) as { error?: { message?: string } } | null;
  if (!response.ok) throw new Error(`${response.status} GET /admin/api/${path}: ${body?.error?.message ?? response.statusText}`);
  return body as T;
}

interface ServerMeeting { id: string; lead: { email: string | null }; agent: { id: string; name: string }; start: string; end: string; dialogueId: string; status: string }

const asRow = (m: ServerMeeting): MeetingRow => ({
  id: m.id, leadEmail: m.lead.email ?? undefined, agent: m.agent, start: m.start, end: m.end, dialogueId: m.dialogueId,
  // The server calls a meeting that ended "held" until the site owner says otherwise; the tab's columns say past.
  status: m.status === 'held' ? 'past' : m.status,
});

/** Reads leads, meetings, the routing queue and the report from the server. */
export function serverData(): DataSource {
  return {
    leads: async () => (await read<{ leads: LeadRow[] }>('leads')).leads,
    async meetings() {
      const [upcoming, past] = await Promise.all([read<{ meetings: ServerMeeting[] }>('meetings?when=upcoming'), read<{ meetings: ServerMeeting[] }>('meetings?when=past')]);
      return [...past.meetings, ...upcoming.meetings].map(asRow).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    },
    queue: async () => (await read<{ agents: QueueRow[] }>('queue')).agents.map(({ id, name, next }) => ({ id, name, next })),
    report: async () => (await read<{ dialogues: ReportRow[] }>('report')).dialogues,
    async reset() {
      // Only the demo's dev server answers this: it swaps in a new, empty database.
      const response = await fetch('/api/demo/reset', { method: 'POST' });
      if (!response.ok) throw new Error(`${response.status} POST /api/demo/reset`);
    },
  };
}

/** Publishes a flow on the server, so its slots and round-robin follow the flow being previewed; resolves to an error message or null. */
export async function publishOnServer(flow: unknown): Promise<string | null> {
  const response = await fetch(`${ADMIN}/flow`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(flow) });
  if (response.ok) return null;
  const body = await response.json().catch(() => null) as { error?: { message?: string }; errors?: Array<{ path: string; message: string }> } | null;
  return body?.errors?.map((e) => `${e.path}: ${e.message}`).join('; ') ?? body?.error?.message ?? `${response.status}`;
}
