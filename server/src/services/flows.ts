/** Publishing: a flow is validated, kept as a new version (never overwritten) and served until the next. */
import { createHash } from 'node:crypto';
import { validateFlow, type Flow, type FlowProblem } from 'dynamic-chat/engine';
import type { Queryable } from '../db/db.js';
import { flowVersion, insertFlow, latestFlow } from '../db/flows.js';
import { publicFlow } from './agents.js';

/** The served flow: its version, the document and the ETag of what browsers get. */
export interface CurrentFlow { version: number; flow: Flow; etag: string }

/** Validates and publishes `doc` as the next version. */
export async function publishFlow(db: Queryable, doc: unknown, restoredFrom: number | null = null): Promise<{ ok: true; version: number } | { ok: false; errors: FlowProblem[] }> {
  const result = validateFlow(doc);
  if (!result.ok) return { ok: false, errors: result.errors };
  return { ok: true, version: await insertFlow(db, doc, etagOf(publicFlow(result.flow)), restoredFrom) };
}

/**
 * Publishes a copy of an earlier version as the newest: null when there is no such version, its
 * problems when it no longer validates (the rules changed since it was published).
 */
export async function restoreFlow(db: Queryable, version: number): Promise<Awaited<ReturnType<typeof publishFlow>> | null> {
  const old = await flowVersion(db, version);
  return old ? publishFlow(db, old.doc, version) : null;
}

/** The version served now, or null before the first publish. */
export async function currentFlow(db: Queryable): Promise<CurrentFlow | null> {
  const latest = await latestFlow(db);
  if (!latest) return null;
  let flow = validated.get(latest.version);
  if (!flow) {
    const result = validateFlow(latest.doc);
    if (!result.ok) return null;
    validated.clear();
    validated.set(latest.version, (flow = result.flow));
  }
  return { version: latest.version, flow, etag: latest.etag };
}

/** The last validated version: a version never changes, so validating it once is enough. */
const validated = new Map<number, Flow>();

/** A strong ETag of the served document, from its content in key order (jsonb reorders keys, a restore must not change the tag). */
function etagOf(doc: unknown): string {
  return `"${createHash('sha256').update(canonical(doc)).digest('base64url').slice(0, 22)}"`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
