import { migrate } from './migrations.js';
import type { SqlDriver, SqlQueryable } from './sql-driver.js';
import { TABLE_NAMES, type AggregateOptions, type NumberColumn, type SelectOptions, type Store, type StoreTx, type TableName, type Tables, type Where } from './store.js';

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** `tokenHash` → `"token_hash"`, refusing anything that is not a plain identifier. */
function column(name: string): string {
  const snake = name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  if (!IDENTIFIER.test(snake)) throw new Error(`Not a column name: ${name}`);
  return `"${snake}"`;
}

function table(name: TableName): string {
  if (!TABLE_NAMES.includes(name)) throw new Error(`Not a table: ${name}`);
  return `"${name}"`;
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** JSON values are sent as text so both drivers store them in `jsonb` the same way. */
function param(value: unknown): unknown {
  if (value === null || value instanceof Date || typeof value !== 'object') return value;
  return JSON.stringify(value);
}

function defined(record: object): [string, unknown][] {
  return Object.entries(record).filter(([, value]) => value !== undefined);
}

/** Builds `WHERE a = $n AND b IS NULL AND c >= $m AND d IS DISTINCT FROM $k`, numbering parameters after `params`. */
function whereClause(where: object | undefined, params: unknown[], options: AggregateOptions = {}): string {
  const conditions = defined(where ?? {}).map(([name, value]) => {
    if (value === null) return `${column(name)} IS NULL`;
    params.push(param(value));
    return `${column(name)} = $${params.length}`;
  });
  for (const [name, value] of defined(options.atLeast ?? {})) {
    if (value === null) throw new Error(`atLeast.${name} is null: null has no order`);
    params.push(param(value));
    conditions.push(`${column(name)} >= $${params.length}`);
  }
  for (const [name, value] of defined(options.except ?? {})) {
    if (value === null) {
      conditions.push(`${column(name)} IS NOT NULL`);
      continue;
    }
    params.push(param(value));
    conditions.push(`${column(name)} IS DISTINCT FROM $${params.length}`);
  }
  return conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/** Column names as rows carry them (`token_hash` → `tokenHash`), worked out once per name. */
const camelNames = new Map<string, string>();

function toRow<N extends TableName>(row: Record<string, unknown>): Tables[N] {
  const out: Record<string, unknown> = {};
  for (const name in row) {
    let key = camelNames.get(name);
    if (key === undefined) camelNames.set(name, (key = camel(name)));
    out[key] = row[name];
  }
  return out as unknown as Tables[N];
}

/** The row operations as SQL, the same text for every driver. */
function sqlTx(db: SqlQueryable): StoreTx {
  return {
    async select<N extends TableName>(name: N, where?: Where<N>, options?: SelectOptions<N>) {
      const params: unknown[] = [];
      const conditions = whereClause(where, params, options);
      let order = '';
      if (options?.newest) {
        params.push(options.newest.limit);
        order = ` ORDER BY ${column(options.newest.column)} DESC LIMIT $${params.length}`;
      }
      const lock = options?.forUpdate ? ' FOR UPDATE' : '';
      const { rows } = await db.query(`SELECT * FROM ${table(name)}${conditions}${order}${lock}`, params);
      return rows.map((row) => toRow<N>(row));
    },
    async sum<N extends TableName>(name: N, sumOf: NumberColumn<N>, where?: Where<N>, options?: AggregateOptions<N>) {
      const params: unknown[] = [];
      // float8: both drivers hand back a JavaScript number (a bigint sum would come back as text).
      const { rows } = await db.query(`SELECT COALESCE(SUM(${column(sumOf)}), 0)::float8 AS total FROM ${table(name)}${whereClause(where, params, options)}`, params);
      return Number(rows[0]?.['total'] ?? 0);
    },
    async insert<N extends TableName>(name: N, row: Tables[N]) {
      const entries = defined(row);
      const columns = entries.map(([key]) => column(key)).join(', ');
      const placeholders = entries.map((_, index) => `$${index + 1}`).join(', ');
      await db.query(
        `INSERT INTO ${table(name)} (${columns}) VALUES (${placeholders})`,
        entries.map(([, value]) => param(value)),
      );
    },
    async update<N extends TableName>(name: N, where: Where<N>, patch: Partial<Tables[N]>) {
      const entries = defined(patch);
      if (entries.length === 0) return 0;
      const params = entries.map(([, value]) => param(value));
      const assignments = entries.map(([key], index) => `${column(key)} = $${index + 1}`).join(', ');
      const result = await db.query(`UPDATE ${table(name)} SET ${assignments}${whereClause(where, params)}`, params);
      return result.rowCount;
    },
    async delete<N extends TableName>(name: N, where: Where<N>) {
      const params: unknown[] = [];
      const result = await db.query(`DELETE FROM ${table(name)}${whereClause(where, params)}`, params);
      return result.rowCount;
    },
    async truncateAll() {
      await db.query(`TRUNCATE ${TABLE_NAMES.map(table).join(', ')}`);
    },
  };
}

/**
 * The Store on SQL: one implementation for embedded PGlite and for a real
 * PostgreSQL server, which differ only in the {@link SqlDriver} underneath.
 *
 * @example
 * const store = await SqlStore.open(await PgliteDriver.open());
 */
export class SqlStore implements Store {
  readonly kind: 'pglite' | 'postgres';
  readonly #driver: SqlDriver;

  private constructor(driver: SqlDriver) {
    this.#driver = driver;
    this.kind = driver.kind;
  }

  /** Wraps a driver, bringing its schema up to date first. */
  static async open(driver: SqlDriver): Promise<SqlStore> {
    await migrate(driver);
    return new SqlStore(driver);
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.#driver.transaction((db) => fn(sqlTx(db)));
  }

  close(): Promise<void> {
    return this.#driver.close();
  }
}
