/** Start-up configuration: flags over environment, the admin token kept in the data folder, the private agents file. */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreeSlots, type Flow } from 'dynamic-chat/engine';
import { describe, expect, it } from 'vitest';
import { adminTokenFor, loadAgents, readConfig } from '../src/config.js';
import { publicFlow, routingAgents } from '../src/services/agents.js';

describe('configuration', () => {
  it('reads flags before the environment, with the documented defaults', () => {
    const config = readConfig(['--port', '9000', '--flow', 'f.json'], { PORT: '1', ALLOWED_ORIGINS: 'https://a.example/, https://b.example', DATABASE_URL: 'postgres://x' });
    expect(config).toMatchObject({ port: 9000, flowFile: 'f.json', allowedOrigins: ['https://a.example', 'https://b.example'], databaseUrl: 'postgres://x', rateLimitPerMinute: 300 });
    expect(readConfig([], {})).toMatchObject({ port: 8787, allowedOrigins: ['*'], dataDir: expect.stringMatching(/\.dynamic-chat$/) });
    expect(() => readConfig(['--bogus'], {})).toThrow();
  });

  it('generates the admin token on first start, keeps it in the data folder (owner-only), and lets ADMIN_TOKEN win', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'dc-config-')), 'data');
    const token = adminTokenFor({ dataDir });
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(adminTokenFor({ dataDir })).toBe(token);
    expect(statSync(join(dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
    expect(adminTokenFor({ dataDir, adminToken: 'from-env' })).toBe('from-env');
  });

  it('refuses an agents file with every problem and its path', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dc-agents-')), 'agents.json');
    writeFileSync(file, JSON.stringify([{ id: 'a', name: 'A', timeZone: 'Mars/Base', calendarUrl: 'file:///etc/passwd', weekly: { mon: [['17:00', '09:00']] }, salary: 1 }, { id: 'a', name: 'Dup' }]));
    expect(() => loadAgents(file)).toThrow(/\/0\/salary[\s\S]*\/0\/timeZone[\s\S]*\/0\/calendarUrl[\s\S]*\/0\/weekly\/mon[\s\S]*\/1\/id/);
  });

  it('completes the flow\'s agents with the private file, in the flow\'s order, and serves only id, name and avatar', () => {
    const flow = { version: 1, agents: [{ id: 'b', name: 'Bo' }, { id: 'a', name: 'Al', avatarUrl: 'https://x.example/a.png', email: 'al@x.example' }], dialogues: [] } as unknown as Flow;
    const agents = routingAgents(flow, [{ id: 'a', name: 'Al', timeZone: 'Europe/Rome', calendarUrl: 'https://cal.example/a.ics' }]);
    expect(agents.map((a) => [a.id, a.timeZone, a.calendarUrl])).toEqual([['b', undefined, undefined], ['a', 'Europe/Rome', 'https://cal.example/a.ics']]);
    expect(publicFlow(flow).agents).toEqual([{ id: 'b', name: 'Bo' }, { id: 'a', name: 'Al', avatarUrl: 'https://x.example/a.png' }]);
    // Without weekly hours an agent works Mon–Fri 09:00–17:00 in their zone (the engine's default): Monday 7 Dec in Rome.
    const slots = findFreeSlots([agents[1]], { agentIds: [], durationMinutes: 60, from: '2026-12-07T00:00:00Z', to: '2026-12-08T00:00:00Z' }, [], { now: 0, minNoticeHours: 0, bufferMinutes: 0 });
    expect(slots.map((s) => s.start)).toEqual(Array.from({ length: 8 }, (_, i) => new Date(Date.UTC(2026, 11, 7, 8 + i)).toISOString()));
  });
});
