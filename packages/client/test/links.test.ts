import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuthError, RefusedError, ValidationError, createClient, type ClientOptions, type KabinetClient, type Me, type Msisdn, type Resource, type ResourceState } from '../src/index.js';
import { inProcessSandboxPerTest, latestCode, recording, signIn as signInAs } from './sandbox.js';

const PRIMARY: Msisdn = '+79161234567';
const LINKED: Msisdn = '+79167654321';
const PENDING: Msisdn = '+79031112233';
const LINKABLE: Msisdn = '+79161110001';
const PASSWORD = 'demo-password';

const sandbox = inProcessSandboxPerTest();

function client(options: Partial<ClientOptions> = {}): KabinetClient {
  return createClient({ baseUrl: sandbox.baseUrl, auth: { type: 'otp' }, fetch: sandbox.fetch, ...options });
}

function signIn(kabinet: KabinetClient, phone: Msisdn = PRIMARY) {
  return signInAs(sandbox, kabinet, phone);
}

/** Resolves with the first state `resource` reaches that passes `test`. */
function until<T>(resource: Resource<T>, test: (state: ResourceState<T>) => boolean): Promise<ResourceState<T>> {
  return new Promise((resolve) => {
    let done = false;
    const stop = resource.subscribe((state) => {
      if (done || !test(state)) return;
      done = true;
      // The first call comes from inside subscribe(), before `stop` is assigned.
      queueMicrotask(() => stop());
      resolve(state);
    });
  });
}

const numbersOf = (state: ResourceState<Me>) => state.data?.numbers.map((number) => `${number.msisdn} ${number.status}`) ?? [];

describe('client.links', () => {
  it('links a number with its password: pending with its date, and the watched account reloads', async () => {
    const kabinet = client();
    await signIn(kabinet);
    const me = kabinet.store.me();
    await until(me, (state) => state.status === 'ready');
    const stop = me.subscribe(() => {});
    const link = await kabinet.links.add({ phone: '+7 916 111-00-01', password: PASSWORD, label: 'Work' });
    assert.equal(link.status, 'pending');
    assert.ok(link.activatesAt);
    const reloaded = await until(me, (state) => state.status === 'ready' && !state.refreshing && (state.data?.numbers.length ?? 0) === 4);
    assert.deepEqual(numbersOf(reloaded).at(-1), `${LINKABLE} pending`);
    stop();
  });

  it('links a number with a code sent to it', async () => {
    const kabinet = client();
    await signIn(kabinet);
    const challenge = await kabinet.links.requestCode('8 916 111-00-01');
    assert.equal(challenge.sentTo, LINKABLE);
    const link = await kabinet.links.add({ phone: LINKABLE, challengeId: challenge.challengeId, code: await latestCode(sandbox, LINKABLE) });
    assert.equal(link.msisdn, LINKABLE);
  });

  it('reports each refusal with its class and code, and keeps the session on a wrong password', async () => {
    const kabinet = client();
    await signIn(kabinet);
    const refusal = (phone: string, password = PASSWORD) =>
      kabinet.links.add({ phone, password }).then(
        () => assert.fail('linked'),
        (error: unknown) => error,
      );
    const owner = await refusal('+79161110002');
    assert.ok(owner instanceof RefusedError);
    assert.equal(owner.code, 'owner_mismatch');
    const management = await refusal('+79161110004');
    assert.ok(management instanceof RefusedError);
    assert.equal(management.problem?.['msisdn'], '+79161110004');
    const wrong = await refusal(LINKABLE, 'nope');
    assert.ok(wrong instanceof AuthError);
    assert.equal(wrong.code, 'password_invalid');
    assert.equal(kabinet.session.status, 'signed-in');
    const invalid = await refusal('12345');
    assert.ok(invalid instanceof ValidationError);
    assert.equal(invalid.fieldError('/phone')?.code, 'invalid_phone');
    const linked = await refusal(LINKED);
    assert.equal((linked as RefusedError).code, 'already_linked');
  });

  it('renames a link', async () => {
    const kabinet = client();
    await signIn(kabinet);
    const renamed = await kabinet.links.rename(LINKED, 'Маша');
    assert.equal(renamed.label, 'Маша');
    assert.equal((await kabinet.me()).numbers.find((number) => number.msisdn === LINKED)?.label, 'Маша');
  });

  it('removes the active linked number and makes the signed-in number active again', async () => {
    const kabinet = client();
    await signIn(kabinet);
    kabinet.store.setActiveMsisdn(LINKED);
    await kabinet.links.remove(LINKED);
    assert.equal(kabinet.store.activeMsisdn, PRIMARY);
    assert.deepEqual((await kabinet.me()).numbers.map((number) => number.msisdn), [PRIMARY, PENDING]);
  });
});

describe('switching the active number', () => {
  it('loads the new number once and cancels the request still running for the old one', async () => {
    let release: (() => void) | undefined;
    const aborted: string[] = [];
    const counted = recording(async (input, init) => {
      const request = new Request(input, init);
      // The old number's balance hangs until switched away from, like a slow network.
      if (request.url.endsWith('/79161234567/balance')) {
        await new Promise<void>((resolve) => {
          release = resolve;
          request.signal.addEventListener('abort', () => {
            aborted.push(new URL(request.url).pathname);
            resolve();
          });
        });
        request.signal.throwIfAborted();
      }
      return sandbox.fetch(request);
    });
    const kabinet = client({ fetch: counted.fetch });
    await signIn(kabinet);
    // A widget following the active number: it watches the active number's balance only.
    let stop = kabinet.store.balance(PRIMARY).subscribe(() => {});
    await new Promise((resolve) => setTimeout(resolve, 10));
    kabinet.store.onActiveMsisdnChange((msisdn) => {
      stop();
      stop = kabinet.store.balance(msisdn!).subscribe(() => {});
    });
    kabinet.store.setActiveMsisdn(LINKED);
    const state = await until(kabinet.store.balance(LINKED), (s) => s.status === 'ready');
    assert.equal(state.data?.balance.amount, 12050);
    assert.deepEqual(aborted, ['/v1/numbers/79161234567/balance']);
    assert.equal(counted.count('GET', '/v1/numbers/79167654321/balance'), 1);
    release?.();
    stop();
  });
});
