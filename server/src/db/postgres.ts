/** The server driver: a real PostgreSQL through a node-postgres pool. */
import pg from 'pg';
import type { Db } from './db.js';

/**
 * A named statement per distinct SQL text: each connection parses and plans it once, not on every
 * request (the field submission is one long statement). The texts are the fixed ones in src/db.
 */
const names = new Map<string, string>();
function statement(text: string, values?: unknown[]): pg.QueryConfig {
  if (!values) return { text };
  let name = names.get(text);
  if (!name) names.set(text, (name = `dc${names.size + 1}`));
  return { name, text, values };
}

/** Connects a pool to `url` (a postgres:// connection string); a few connections keep two cores busy, more only queue in the database. */
export async function openPostgres(url: string, poolSize = 8): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client's error (the server restarted) must not crash the process; the pool replaces it.
  pool.on('error', (error) => console.error(`database: idle connection lost (${error.message})`));
  // Fails now, at start-up, rather than on the first visitor.
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    query: async (sql, params) => (await pool.query(statement(sql, params))).rows,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: async (sql, params) => (await client.query(statement(sql, params))).rows });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => void (await pool.query(sql)),
    close: () => pool.end(),
  };
}
