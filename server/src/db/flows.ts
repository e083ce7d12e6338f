/** SQL for published flow versions: every version kept, the newest one served. */
import type { Queryable } from './db.js';

/** A published version. */
export interface FlowVersion { version: number; doc: unknown; etag: string; restoredFrom: number | null; publishedAt: string }

const COLUMNS = 'version, doc, etag, restored_from AS "restoredFrom", published_at AS "publishedAt"';

/** The version served now (the newest), if any. */
export async function latestFlow(db: Queryable): Promise<FlowVersion | null> {
  const [row] = await db.query<FlowVersion>(`SELECT ${COLUMNS} FROM flows ORDER BY version DESC LIMIT 1`);
  return row ? fix(row) : null;
}

/** One version, if it exists. */
export async function flowVersion(db: Queryable, version: number): Promise<FlowVersion | null> {
  const [row] = await db.query<FlowVersion>(`SELECT ${COLUMNS} FROM flows WHERE version = $1`, [version]);
  return row ? fix(row) : null;
}

/** Every version, newest first, without the documents. */
export async function listFlows(db: Queryable): Promise<Array<Omit<FlowVersion, 'doc'>>> {
  return (await db.query<FlowVersion>('SELECT version, etag, restored_from AS "restoredFrom", published_at AS "publishedAt" FROM flows ORDER BY version DESC'))
    .map(fix);
}

/** Publishes a document as the next version. */
export async function insertFlow(db: Queryable, doc: unknown, etag: string, restoredFrom: number | null): Promise<number> {
  const [row] = await db.query<{ version: number }>(
    'INSERT INTO flows (doc, etag, restored_from) VALUES ($1::jsonb, $2, $3) RETURNING version', [JSON.stringify(doc), etag, restoredFrom]);
  return row.version;
}

function fix<T extends { publishedAt: string }>(row: T): T {
  return { ...row, publishedAt: new Date(row.publishedAt).toISOString() };
}

/** Serialises first-start publishing across instances starting at once (until the transaction ends). */
export async function lockPublishing(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(7263002)');
}
