// The React example, built into examples/react-app/dist/ and served by the
// examples host at /react-app/ under its strict CSP: no inline script or
// style in the output (hence no module-preload polyfill, which Vite inlines).
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/react-app/',
  plugins: [react()],
  // Workspace packages resolve to their TypeScript sources, as in Storybook.
  resolve: { conditions: ['@kabinet/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
