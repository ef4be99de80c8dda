import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStore, createApp, type Logger, type Store } from '../src/index.js';
import { expectProblem } from './api.js';

describe('unexpected failures', () => {
  it('answer 500 internal_error without a stack and log the error on the server', async () => {
    const logged: unknown[] = [];
    const log: Logger = { info() {}, error: (_line, error) => logged.push(error) };
    const broken: Store = {
      kind: 'memory',
      transaction: async () => {
        throw new Error('disk on fire at /secret/path');
      },
      close: async () => {},
    };
    const app = createApp({ store: broken, log });
    const response = await app.request('/healthz');
    const problem = await expectProblem(response, 500, 'internal_error');
    assert.doesNotMatch(JSON.stringify(problem), /disk on fire|secret/);
    assert.equal(logged.length, 1);
  });

  it('keep the memory store consistent: a failed transaction leaves no trace', async () => {
    const store = new MemoryStore();
    await store.transaction((tx) => tx.insert('settings', { key: 'a', value: 1 }));
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.update('settings', { key: 'a' }, { value: 2 });
        throw new Error('boom');
      }),
    );
    const rows = await store.transaction((tx) => tx.select('settings'));
    assert.deepEqual(rows, [{ key: 'a', value: 1 }]);
  });
});
