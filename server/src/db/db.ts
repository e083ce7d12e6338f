/** The one small database interface both drivers implement: parameterised SQL, transactions, close. */

/** Something that runs one parameterised statement: the database or an open transaction. */
export interface Queryable {
  /** Runs `sql` with `$1…` parameters and returns the rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
}

/** A PostgreSQL database, embedded (PGlite) or a server (node-postgres). */
export interface Db extends Queryable {
  /** Which driver: shown at start-up and in tests. */
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Closes the connection(s). */
  close(): Promise<void>;
}

/** PostgreSQL's code for an exclusion-constraint violation (an agent booked twice). */
export const EXCLUSION_VIOLATION = '23P01';

/** The SQLSTATE of a database error, if it has one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
