/** The agents file (private: never served) and the routing list it makes with the flow's agents. */
import type { Agent, Flow } from 'dynamic-chat/engine';

/** An agent as the server knows it: the flow's public part plus private details. */
export interface PrivateAgent extends Agent {
  /** The secret iCal address of the agent's calendar; its busy times are not offered. */
  calendarUrl?: string;
}

/** A problem in the agents file. */
export interface AgentsFileError { path: string; message: string }

const KEYS = ['id', 'name', 'email', 'avatarUrl', 'timeZone', 'weekly', 'calendarUrl'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Reads the agents file's JSON: `[{ id, name, email, timeZone, weekly?, calendarUrl? }]`. */
export function parseAgents(doc: unknown): { ok: true; agents: PrivateAgent[] } | { ok: false; errors: AgentsFileError[] } {
  const errors: AgentsFileError[] = [];
  if (!Array.isArray(doc)) return { ok: false, errors: [{ path: '', message: 'Expected an array of agents.' }] };
  const seen = new Set<string>();
  doc.forEach((agent: unknown, i) => {
    const at = `/${i}`;
    if (typeof agent !== 'object' || agent === null || Array.isArray(agent)) return void errors.push({ path: at, message: 'Expected an object.' });
    const a = agent as Record<string, unknown>;
    for (const key of Object.keys(a)) if (!KEYS.includes(key)) errors.push({ path: `${at}/${key}`, message: `Unknown key "${key}".` });
    if (typeof a.id !== 'string' || !a.id) errors.push({ path: `${at}/id`, message: 'Required text.' });
    else if (seen.has(a.id)) errors.push({ path: `${at}/id`, message: `Duplicate id "${a.id}".` });
    else seen.add(a.id);
    if (typeof a.name !== 'string' || !a.name) errors.push({ path: `${at}/name`, message: 'Required text.' });
    for (const key of ['email', 'avatarUrl', 'timeZone'] as const) {
      if (a[key] !== undefined && typeof a[key] !== 'string') errors.push({ path: `${at}/${key}`, message: 'Expected text.' });
    }
    if (typeof a.timeZone === 'string' && !isZone(a.timeZone)) errors.push({ path: `${at}/timeZone`, message: `Unknown time zone "${a.timeZone}".` });
    if (a.calendarUrl !== undefined && !(typeof a.calendarUrl === 'string' && /^https?:\/\//.test(a.calendarUrl))) {
      errors.push({ path: `${at}/calendarUrl`, message: 'Expected an http(s) URL of an ICS feed.' });
    }
    if (a.weekly !== undefined) checkWeekly(a.weekly, `${at}/weekly`, errors);
  });
  return errors.length ? { ok: false, errors } : { ok: true, agents: doc as PrivateAgent[] };
}

function checkWeekly(weekly: unknown, at: string, errors: AgentsFileError[]): void {
  if (typeof weekly !== 'object' || weekly === null || Array.isArray(weekly)) return void errors.push({ path: at, message: 'Expected { mon: [["09:00","17:00"]], … }.' });
  for (const [day, ranges] of Object.entries(weekly)) {
    if (!DAYS.includes(day)) errors.push({ path: `${at}/${day}`, message: 'Days are mon … sun.' });
    else if (!Array.isArray(ranges) || !ranges.every((r) => Array.isArray(r) && r.length === 2 && r.every((t) => typeof t === 'string' && CLOCK.test(t)) && r[0] < r[1])) {
      errors.push({ path: `${at}/${day}`, message: 'Expected [["HH:MM","HH:MM"], …] with each start before its end.' });
    }
  }
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The flow's agents in its routing order, each with the agents file's private details (the file wins). */
export function routingAgents(flow: Flow, privateAgents: PrivateAgent[]): PrivateAgent[] {
  const byId = new Map(privateAgents.map((agent) => [agent.id, agent]));
  return (flow.agents ?? []).map((agent) => ({ ...agent, ...byId.get(agent.id) }));
}

/** The flow as browsers get it: agents reduced to id, name and avatar. */
export function publicFlow(flow: Flow): Flow {
  return { ...flow, agents: (flow.agents ?? []).map(({ id, name, avatarUrl }) => (avatarUrl === undefined ? { id, name } : { id, name, avatarUrl })) };
}
