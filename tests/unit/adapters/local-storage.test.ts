// The local adapter's stored data is untrusted input: edited by hand, or written by another version.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localAdapter } from '../../../src/adapters/local.js';
import type { Agent } from '../../../src/engine/types.js';
import { memoryStorage } from '../../../src/platform/storage.js';

const agent: Agent = { id: 'a1', name: 'Agent a1', timeZone: 'UTC', weekly: { mon: [['09:00', '11:00']] } };
const now = () => new Date('2026-03-01T00:00:00Z');
const meeting = { id: 'm1', key: 'k1', dialogueId: 'd', sessionId: 's', leadEmail: 'pat@example.com', agentId: 'a1', agentName: 'Agent a1',
  start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T10:00:00.000Z', bookedAt: '2026-03-01T00:00:00.000Z' };
const event = { type: 'triggered', dialogueId: 'd', sessionId: 's', visitorId: 'v', page: '/', at: '2026-03-01T00:00:00Z', key: 'e1' };

afterEach(() => vi.restoreAllMocks());

describe('localAdapter over tampered storage', () => {
  it('drops entries of another shape with a warning; the calendar, the report and the fields go on', async () => {
    const storage = memoryStorage();
    storage.setItem('dc-local:meetings', JSON.stringify([meeting, null, { ...meeting, id: 'm2', start: 'soon' }, { ...meeting, id: 'm3', end: meeting.start }]));
    storage.setItem('dc-local:events', JSON.stringify([event, { ...event, key: 'e2', type: 7 }, 'triggered']));
    storage.setItem('dc-local:fields', '{"key": "f1"}');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const adapter = localAdapter({ agents: [agent], storage, now, minNoticeHours: 0 });
    expect(adapter.meetings().map((m) => m.id)).toEqual(['m1']);
    expect((await adapter.findSlots({ dialogueId: 'd', agentIds: ['a1'], durationMinutes: 60, from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z', timeZone: 'UTC' }))
      .map((s) => s.start)).toEqual(['2026-03-02T10:00:00.000Z']);
    expect(adapter.report()).toMatchObject([{ dialogueId: 'd', triggered: 1 }]);
    expect(adapter.fields()).toEqual([]);
    expect(warn.mock.calls.map((args) => String(args[0])).join('\n')).toMatch(/dc-local:meetings[\s\S]*dc-local:events[\s\S]*dc-local:fields/);
  });
});
