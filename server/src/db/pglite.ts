/** The embedded driver: PGlite (PostgreSQL in WebAssembly) in a data folder, or in memory. */
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { Db, Queryable } from './db.js';

/** Opens PGlite in `dataDir` (created if missing); in memory when `dataDir` is undefined. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = await PGlite.create(dataDir, { extensions: { btree_gist } });
  const query = async <Row>(runner: Pick<PGlite, 'query'>, sql: string, params?: unknown[]) => (await runner.query<Row>(sql, params)).rows;
  return {
    kind: 'pglite',
    query: (sql, params) => query(pg, sql, params),
    // PGlite has one connection; its transaction() holds a lock so other queries wait their turn.
    transaction: (work) => pg.transaction((tx) => work({ query: (sql, params) => query(tx, sql, params) } satisfies Queryable)),
    exec: async (sql) => void (await pg.exec(sql)),
    close: () => pg.close(),
  };
}
