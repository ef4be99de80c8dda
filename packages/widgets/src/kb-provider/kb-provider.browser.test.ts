import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { LitElement } from 'lit';
import '../index.js';
import { KbProvider, define } from '../index.js';
import { startHarness, type Harness } from '../../test/sandbox.js';
import { text, waitForText } from '../../test/dom.js';

describe('<kb-provider>', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });

  it('takes the locale from the nearest lang when it has no locale attribute', async () => {
    const wrapper = await fixture(html`<div lang="en-GB"><kb-provider .client=${harness.client}><kb-login></kb-login></kb-provider></div>`);
    const login = wrapper.querySelector('kb-login')!;
    await waitForText(login, 'Phone number');
    const provider = wrapper.querySelector('kb-provider')!;
    expect(provider.resolvedLocale).to.equal('en');
  });

  it('defaults to Russian without locale or lang', async () => {
    const provider = await fixture<KbProvider>(html`<kb-provider .client=${harness.client}><kb-login></kb-login></kb-provider>`);
    document.documentElement.removeAttribute('lang');
    expect(provider.resolvedLocale).to.equal('ru');
    await waitForText(provider.querySelector('kb-login')!, 'Номер телефона');
  });

  it('creates its own client from api-base and keeps it until the attributes change', async () => {
    const provider = await fixture<KbProvider>(html`<kb-provider api-base="http://127.0.0.1:8787"></kb-provider>`);
    const first = provider.activeClient;
    expect(first).not.to.equal(undefined);
    expect(first!.session.status).to.equal('anonymous');
    provider.theme = 'dark';
    await provider.updateComplete;
    expect(provider.activeClient).to.equal(first);
    provider.sessionToken = 'st_test';
    await provider.updateComplete;
    expect(provider.activeClient).not.to.equal(first);
    expect(provider.activeClient!.session.status).to.equal('signed-in');
  });

  it('tells the page when the active number changes', async () => {
    const provider = await fixture<KbProvider>(html`<kb-provider .client=${harness.client}></kb-provider>`);
    const changed = oneEvent(provider, 'kb-number-change');
    await harness.signIn();
    expect((await changed).detail.msisdn).to.equal('+79161234567');
  });

  it('sends nothing for widgets removed before their data started loading', async () => {
    // Mounted and removed at once, as pages swapping views do: the load is aborted before it starts,
    // and a request begun with an aborted signal ended as an unhandled rejection the console kept.
    await harness.signIn();
    const before = harness.requests.length;
    const provider = document.createElement('kb-provider');
    provider.client = harness.client;
    provider.append(document.createElement('kb-balance-card'));
    document.body.append(provider);
    await provider.updateComplete;
    provider.remove();
    // A task runs only after every microtask, so a request the aborted load could still send is sent by now.
    await new Promise((resolve) => setTimeout(resolve));
    expect(harness.requests.slice(before)).to.deep.equal([]);
  });

  it('lets a given client win over api-base', async () => {
    const provider = await fixture<KbProvider>(html`<kb-provider api-base="http://127.0.0.1:8787" .client=${harness.client}></kb-provider>`);
    expect(provider.activeClient).to.equal(harness.client);
  });

  it('applies light and dark theme tokens', async () => {
    const provider = await fixture<KbProvider>(html`<kb-provider theme="light" .client=${harness.client}><kb-balance-card></kb-balance-card></kb-provider>`);
    const light = getComputedStyle(provider).getPropertyValue('--kb-theme-color-surface').trim();
    provider.theme = 'dark';
    await provider.updateComplete;
    const dark = getComputedStyle(provider).getPropertyValue('--kb-theme-color-surface').trim();
    expect(light).to.equal('#ffffff');
    expect(dark).not.to.equal(light);
    const card = provider.querySelector('kb-balance-card')!;
    await card.updateComplete;
    expect(getComputedStyle(card.shadowRoot!.querySelector('.base')!).backgroundColor).to.equal('rgb(27, 28, 31)');
  });

  it('lets partner tokens override the theme', async () => {
    const wrapper = await fixture(html`<div style="--kb-color-surface: rgb(1, 2, 3)">
      <kb-provider theme="dark" .client=${harness.client}><kb-balance-card></kb-balance-card></kb-provider>
    </div>`);
    const card = wrapper.querySelector('kb-balance-card')!;
    await card.updateComplete;
    expect(getComputedStyle(card.shadowRoot!.querySelector('.base')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(text(card)).to.include('Войдите');
  });
});

describe('define()', () => {
  it('skips silently when the same class or version is registered again', () => {
    const warnings = captureWarnings(() => {
      define('kb-provider', KbProvider);
      define('kb-provider', class SameVersionCopy extends LitElement {});
    });
    expect(warnings).to.have.length(0);
    expect(customElements.get('kb-provider')).to.equal(KbProvider);
  });

  it('keeps the first registration and warns once when another version holds the name', () => {
    class OlderCopy extends LitElement {}
    Object.assign(OlderCopy, { [Symbol.for('kabinet.widgets.version')]: '0.0.9' });
    customElements.define('kb-version-probe', OlderCopy);
    const warnings = captureWarnings(() => {
      define('kb-version-probe', class NewerCopy extends LitElement {});
      define('kb-version-probe', class NewerCopy extends LitElement {});
    });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('0.0.9');
    expect(customElements.get('kb-version-probe')).to.equal(OlderCopy);
  });
});

function captureWarnings(run: () => void): string[] {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  try {
    run();
  } finally {
    console.warn = warn;
  }
  return warnings;
}
