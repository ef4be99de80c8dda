import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(config) {
    const { defaultClientConditions } = await import('vite');
    // Workspace packages resolve to their TypeScript sources (the `@kabinet/source` export condition);
    // Vite 8's defaults (module, browser, development|production) follow.
    config.resolve ??= {};
    config.resolve.conditions = ['@kabinet/source', ...defaultClientConditions];
    return config;
  },
};

export default config;
