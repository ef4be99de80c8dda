/**
 * The only thing a SQL engine must offer the sandbox. {@link SqlStore} issues
 * all SQL; drivers just carry it to PGlite or PostgreSQL, so both engines run
 * exactly the same statements.
 */

/** Result of one statement. */
export interface SqlResult {
  rows: Record<string, unknown>[];
  /** Rows inserted, updated or deleted. */
  rowCount: number;
}

/** Something that runs one parameterized statement (`$1`, `$2`, …). */
export interface SqlQueryable {
  query(sql: string, params?: readonly unknown[]): Promise<SqlResult>;
}

/** A connection (or pool) to a PostgreSQL-compatible engine. */
export interface SqlDriver extends SqlQueryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` on one connection inside BEGIN … COMMIT, rolling back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
