import pg from 'pg';
import type { SqlDriver, SqlQueryable, SqlResult } from './sql-driver.js';

const INT8 = 20;

function adapt(db: pg.Pool | pg.PoolClient): SqlQueryable {
  return {
    async query(sql: string, params: readonly unknown[] = []): Promise<SqlResult> {
      const result = await db.query(sql, [...params]);
      return { rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? 0 };
    },
  };
}

/**
 * A real PostgreSQL server (through `pg`) as a {@link SqlDriver}.
 *
 * @example
 * const driver = PgDriver.connect(process.env.DATABASE_URL!);
 */
export class PgDriver implements SqlDriver {
  readonly kind = 'postgres' as const;
  readonly #pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  static connect(connectionString: string): PgDriver {
    // Money columns are bigint; amounts stay far below 2^53, and PGlite returns numbers too.
    const types = { getTypeParser: (oid: number, format?: string) => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format as 'text')) };
    return new PgDriver(new pg.Pool({ connectionString, types: types as pg.CustomTypesConfig }));
  }

  query(sql: string, params?: readonly unknown[]): Promise<SqlResult> {
    return adapt(this.#pool).query(sql, params);
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(adapt(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}
