import { Mutex } from './mutex.js';
import { TABLE_NAMES, type AggregateOptions, type NumberColumn, type SelectOptions, type Store, type StoreTx, type TableName, type Tables, type Where } from './store.js';

type Data = { [N in TableName]: Tables[N][] };

function emptyData(): Data {
  return Object.fromEntries(TABLE_NAMES.map((name) => [name, []])) as unknown as Data;
}

function matches<N extends TableName>(row: Tables[N], where: Where<N> | undefined): boolean {
  if (!where) return true;
  for (const [column, expected] of Object.entries(where)) {
    if (expected === undefined) continue;
    const actual = (row as unknown as Record<string, unknown>)[column];
    if (!sameValue(actual, expected)) return false;
  }
  return true;
}

/** Whether each column of `row` is at least (`>=`) its value in `atLeast`. */
function atLeast<N extends TableName>(row: Tables[N], bounds: Partial<Tables[N]> | undefined): boolean {
  for (const [column, bound] of Object.entries(bounds ?? {})) {
    if (bound === undefined) continue;
    if (bound === null) throw new Error(`atLeast.${column} is null: null has no order`);
    const actual = (row as unknown as Record<string, unknown>)[column];
    if (actual === null || actual === undefined) return false;
    if (bound instanceof Date ? !(actual instanceof Date) || actual.getTime() < bound.getTime() : (actual as number | string) < (bound as number | string)) return false;
  }
  return true;
}

/** Whether `row` passes the window and the exclusions of `options`. */
function passes<N extends TableName>(row: Tables[N], options: AggregateOptions<N> | undefined): boolean {
  if (!atLeast(row, options?.atLeast)) return false;
  for (const [column, excluded] of Object.entries(options?.except ?? {})) {
    if (excluded !== undefined && sameValue((row as unknown as Record<string, unknown>)[column], excluded)) return false;
  }
  return true;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

function withoutUndefined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * The Store on plain JavaScript arrays: no Node APIs, so the sandbox runs in a
 * browser (Storybook, widget tests). Transactions run one at a time and roll
 * back by restoring a copy taken when they began.
 *
 * @example
 * const app = createApp({ store: new MemoryStore() });
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  #data: Data = emptyData();
  readonly #mutex = new Mutex();

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.#mutex.run(async () => {
      const before = structuredClone(this.#data);
      try {
        return await fn(this.#tx());
      } catch (error) {
        this.#data = before;
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    this.#data = emptyData();
  }

  #tx(): StoreTx {
    // Rows are copied in and out so callers never hold a reference into the store.
    return {
      select: async <N extends TableName>(table: N, where?: Where<N>, options?: SelectOptions<N>) => {
        let rows = (this.#data[table] as Tables[N][]).filter((row) => matches(row, where) && passes(row, options));
        if (options?.newest) {
          const { column, limit } = options.newest;
          const time = (row: Tables[N]) => (row[column as keyof Tables[N]] as Date | null)?.getTime() ?? -Infinity;
          rows = rows.sort((a, b) => time(b) - time(a)).slice(0, limit);
        }
        return rows.map((row) => structuredClone(row));
      },
      sum: async <N extends TableName>(table: N, column: NumberColumn<N>, where?: Where<N>, options?: AggregateOptions<N>) => {
        let total = 0;
        for (const row of this.#data[table] as Tables[N][]) {
          if (matches(row, where) && passes(row, options)) total += row[column as keyof Tables[N]] as number;
        }
        return total;
      },
      insert: async <N extends TableName>(table: N, row: Tables[N]) => {
        (this.#data[table] as Tables[N][]).push(structuredClone(row));
      },
      update: async <N extends TableName>(table: N, where: Where<N>, patch: Partial<Tables[N]>) => {
        const changes = structuredClone(withoutUndefined(patch));
        let count = 0;
        for (const row of this.#data[table] as Tables[N][]) {
          if (matches(row, where)) {
            Object.assign(row, changes);
            count += 1;
          }
        }
        return count;
      },
      delete: async <N extends TableName>(table: N, where: Where<N>) => {
        const rows = this.#data[table] as Tables[N][];
        const kept = rows.filter((row) => !matches(row, where));
        (this.#data as Record<TableName, unknown[]>)[table] = kept;
        return rows.length - kept.length;
      },
      truncateAll: async () => {
        this.#data = emptyData();
      },
    };
  }
}
