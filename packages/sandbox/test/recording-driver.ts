import type { SqlDriver, SqlQueryable, SqlResult } from '../src/index.js';

/** Wraps a driver and remembers every statement SqlStore sends through it. */
export class RecordingDriver implements SqlDriver {
  readonly statements: string[] = [];
  readonly kind: SqlDriver['kind'];

  constructor(readonly inner: SqlDriver) {
    this.kind = inner.kind;
  }

  #record(db: SqlQueryable): SqlQueryable {
    return {
      query: (sql: string, params?: readonly unknown[]): Promise<SqlResult> => {
        this.statements.push(sql);
        return db.query(sql, params);
      },
    };
  }

  query(sql: string, params?: readonly unknown[]): Promise<SqlResult> {
    return this.#record(this.inner).query(sql, params);
  }

  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.inner.transaction((tx) => fn(this.#record(tx)));
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
