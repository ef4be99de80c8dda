import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { Locale } from '@kabinet/client';
import '@kabinet/widgets';
import manifest from '../packages/widgets/custom-elements.json';
import { createWorld, type KabinetParameters, type World } from './kabinet-world.js';
import './sandbox-sms.js';

setCustomElementsManifest(manifest);

/** Stands in for a partner's captcha widget: "solves" it after a moment with the sandbox's test token. */
const demoCaptcha = () => new Promise<string>((resolve) => setTimeout(() => resolve('test-pass'), 400));

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    theme: {
      description: 'Widget theme',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
    locale: {
      description: 'Widget language',
      toolbar: { title: 'Locale', icon: 'globe', items: ['ru', 'en'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light', locale: 'ru' },
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
  loaders: [
    async ({ parameters, globals }) => ({
      world: await createWorld(parameters.kabinet as KabinetParameters | undefined, (globals.locale as Locale) ?? 'ru'),
    }),
  ],
  decorators: [
    (story, { loaded, globals, parameters }) => {
      const world = loaded.world as World;
      const kabinet = (parameters.kabinet ?? {}) as KabinetParameters;
      const dark = globals.theme === 'dark';
      return html`
        <div style="padding: 16px; border-radius: 8px; background: ${dark ? '#0f1012' : '#f6f7f9'}; color-scheme: ${dark ? 'dark' : 'light'}">
          <kb-provider
            .client=${world.client}
            .captcha=${kabinet.captcha === false ? undefined : demoCaptcha}
            theme=${globals.theme ?? 'light'}
            locale=${globals.locale ?? 'ru'}
          >
            ${story()}
          </kb-provider>
        </div>
        ${parameters.smsPanel === false
          ? nothing
          : html`<kb-sandbox-sms .fetch=${world.sandboxFetch} to=${kabinet.smsTo ?? '+79161234567'}></kb-sandbox-sms>`}
      `;
    },
  ],
};

export default preview;
