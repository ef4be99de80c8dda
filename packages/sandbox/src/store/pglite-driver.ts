import { PGlite } from '@electric-sql/pglite';
import type { SqlDriver, SqlQueryable, SqlResult } from './sql-driver.js';

function adapt(db: Pick<PGlite, 'query'>): SqlQueryable {
  return {
    async query(sql: string, params: readonly unknown[] = []): Promise<SqlResult> {
      const result = await db.query<Record<string, unknown>>(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
  };
}

/**
 * PGlite (PostgreSQL in WebAssembly) as a {@link SqlDriver}. In memory when no
 * data folder is given. Creating a fresh database takes seconds (initdb);
 * reopening a data folder is fast.
 *
 * @example
 * const driver = await PgliteDriver.open({ dataDir: '.data/sandbox' });
 */
export class PgliteDriver implements SqlDriver {
  readonly kind = 'pglite' as const;
  readonly #db: PGlite;

  private constructor(db: PGlite) {
    this.#db = db;
  }

  static async open(options: { dataDir?: string } = {}): Promise<PgliteDriver> {
    const db = options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create();
    return new PgliteDriver(db);
  }

  query(sql: string, params?: readonly unknown[]): Promise<SqlResult> {
    return adapt(this.#db).query(sql, params);
  }

  // PGlite issues BEGIN/COMMIT/ROLLBACK itself and queues other queries meanwhile.
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.#db.transaction((tx) => fn(adapt(tx)));
  }

  close(): Promise<void> {
    return this.#db.close();
  }
}
