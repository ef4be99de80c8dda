// The script-tag bundle dist/cdn/: a small loader (kabinet.js) that imports
// each widget's chunk when its element first appears, one shared runtime
// chunk (Lit, context, the client) and one chunk per widget. The widget list
// comes from the folders packages/widgets/src/kb-*/, so a new widget is in
// the bundle without touching this file. manifest.json records which files
// each element needs and the integrity (SRI) of every file;
// scripts/size-budget.mjs measures them.
import { createHash } from 'node:crypto';
import { readdirSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import MagicString from 'magic-string';

const ENTRY = 'kabinet-cdn-entry';

/**
 * The Trusted Types policy the script tag creates. The bundle brings its own
 * copy of Lit, whose policy is named `lit-html`; a page running Lit of its own
 * has already created that name, and a second `createPolicy('lit-html')`
 * throws under `trusted-types` without 'allow-duplicates'. Renamed, the page
 * lists both (`trusted-types lit-html kabinet`) and neither copy fails.
 */
export const TRUSTED_TYPES_POLICY = 'kabinet';
const LIT_POLICY = 'createPolicy("lit-html"';
const CONTEXT_CONSUMER = 'kabinet-lit-context-consumer';

/** Every element with a registering module `kb-x/kb-x.ts`, sorted. */
export function widgetTags(widgetsSrc) {
  return readdirSync(widgetsSrc, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith('kb-'))
    .map((entry) => entry.name)
    .filter((tag) => existsSync(join(widgetsSrc, tag, `${tag}.ts`)))
    .sort();
}

/**
 * Three shared chunks. `runtime`: Lit's core, context, the widgets' shared
 * pieces and the client's small helpers (errors, money, phone) that every
 * widget uses. `forms`: Lit's directives (live, repeat), the form layout and
 * the explanations of the problems a change can meet, which the widgets that
 * change something use and the balance card does not.
 * `client`: the client's transport (ky, valibot, schemas, session, store),
 * which only <kb-provider> creates, so a page fetches it with the provider.
 * Naming them keeps rollup from pulling the transport into the runtime
 * through the client's index (a manual chunk takes its dependencies along).
 * The pieces only one widget uses (the sign-in's code input and countdown,
 * the tariff list's virtualizer) go to that widget's chunk. Finer splitting
 * measured worse: each extra small chunk costs its own gzip header and
 * dictionary, more than a page saves.
 */
const WIDGET_OWN = ['countdown-controller', 'sms-code', 'web-otp', 'lazy-virtualizer', 'mutation-controller'];

function sharedChunk(id) {
  // Only <kb-provider> provides the context: the rest of @lit/context goes with it (see resolveId).
  if (/\/node_modules\/@lit\/context\//.test(id)) return /\/lib\/(create-context|context-request-event|context-root|controllers\/context-consumer)\.js$/.test(id) ? 'runtime' : undefined;
  if (/\/node_modules\/(lit|lit-element|@lit\/reactive-element)\//.test(id)) return 'runtime';
  if (/\/node_modules\/lit(-html)?\/(directives\/|async-directive|directive-helpers)/.test(id) || /\/shared\/(form\.styles|action-messages)\.ts$/.test(id)) return 'forms';
  if (/\/node_modules\/lit-html\//.test(id)) return 'runtime';
  const shared = /\/packages\/widgets\/src\/shared\/([\w.-]+)\.ts$/.exec(id);
  if (shared && !WIDGET_OWN.includes(shared[1])) return 'runtime';
  if (/\/packages\/client\/src\/(errors|money|phone)\.ts$/.test(id)) return 'runtime';
  if (/\/node_modules\/(ky|valibot)\//.test(id) || id.includes('/packages/client/src/')) return 'client';
  return undefined;
}

/**
 * The rollup plugin: a virtual entry calling `autoload` with one dynamic
 * import per widget, and manifest.json after the chunks are known.
 */
function cdnEntry({ widgetsSrc, version }) {
  const tags = widgetTags(widgetsSrc);
  /** The `lib` folder of the @lit/context the widgets resolve to. */
  let contextLib = '';
  return {
    name: 'kabinet-cdn',
    renderStart(options) {
      // Chunk names carry content hashes: drop the previous build's.
      rmSync(join(options.dir, 'chunks'), { recursive: true, force: true });
    },
    async resolveId(id, importer) {
      if (id === ENTRY) return `\0${ENTRY}`;
      // The widgets' shared modules consume the context; only <kb-provider> provides it.
      // Importing @lit/context's index from the runtime would take its provider half along:
      // they import the consuming half from the same copy of the package instead.
      if (id === '@lit/context' && importer?.replaceAll('\\', '/').includes('/packages/widgets/src/shared/')) {
        const index = await this.resolve(id, importer, { skipSelf: true });
        if (!index) return null;
        contextLib = join(dirname(index.id), 'lib');
        return `\0${CONTEXT_CONSUMER}`;
      }
      return null;
    },
    // An element's chunk imports the runtime (and the client) statically, which
    // the browser would discover only after fetching the chunk: one more round
    // trip. The loader starts all of an element's files at once instead.
    renderDynamicImport({ moduleId, getTargetChunkImports }) {
      if (moduleId !== `\0${ENTRY}`) return null;
      const deps = (getTargetChunkImports() ?? []).filter((dep) => dep.type === 'internal').map((dep) => `./${dep.fileName}`);
      if (deps.length === 0) return null;
      return { left: `(${JSON.stringify(deps)}.forEach((d) => import(d).catch(() => {})), import(`, right: '))' };
    },
    transform(code, id) {
      if (!/\/node_modules\/lit-html\/lit-html\.js$/.test(id.replaceAll('\\', '/'))) return null;
      const at = code.indexOf(LIT_POLICY);
      if (at === -1 || code.includes(LIT_POLICY, at + 1)) {
        this.error(`lit-html no longer calls ${LIT_POLICY}, …) exactly once: update the policy rename in scripts/cdn-bundle.mjs`);
      }
      const renamed = new MagicString(code).overwrite(at, at + LIT_POLICY.length, `createPolicy(${JSON.stringify(TRUSTED_TYPES_POLICY)}`);
      return { code: renamed.toString(), map: renamed.generateMap({ hires: true }) };
    },
    load(id) {
      if (id === `\0${CONTEXT_CONSUMER}`) {
        const lib = contextLib;
        return [
          `export { createContext } from ${JSON.stringify(join(lib, 'create-context.js'))};`,
          `export { ContextConsumer } from ${JSON.stringify(join(lib, 'controllers/context-consumer.js'))};`,
          `export { ContextRoot } from ${JSON.stringify(join(lib, 'context-root.js'))};`,
        ].join('\n');
      }
      if (id !== `\0${ENTRY}`) return null;
      const imports = tags.map((tag) => `  ${JSON.stringify(tag)}: () => import(${JSON.stringify(join(widgetsSrc, tag, `${tag}.ts`))}),`);
      const autoloader = JSON.stringify(join(widgetsSrc, 'autoloader.ts'));
      return [
        `import { autoload } from ${autoloader};`,
        // A page's own shadow roots are closed to the loader: `discover(shadowRoot)` hands one over.
        `export { discover } from ${autoloader};`,
        `autoload({\n${imports.join('\n')}\n}, ${JSON.stringify(version)});`,
      ].join('\n');
    },
    // Last, so the code hashed for `integrity` is the code written (minified, with its source-map comment).
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
        const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const closure = (fileName, seen = new Set()) => {
          if (seen.has(fileName)) return seen;
          seen.add(fileName);
          for (const imported of byName.get(fileName)?.imports ?? []) closure(imported, seen);
          return seen;
        };
        const loader = chunks.find((chunk) => chunk.isEntry);
        const elements = {};
        for (const tag of tags) {
          const chunk = chunks.find((c) => c.facadeModuleId === join(widgetsSrc, tag, `${tag}.ts`));
          if (chunk) elements[tag] = { chunk: chunk.fileName, files: [...closure(chunk.fileName)].sort() };
        }
        // The runtime: the chunks every element needs.
        const closures = Object.values(elements).map(({ chunk, files }) => files.filter((file) => file !== chunk));
        const runtime = closures.length === 0 ? [] : closures.reduce((shared, files) => shared.filter((file) => files.includes(file)));
        // Subresource Integrity of every file a page may load: the loader for its <script integrity>, each chunk for <link rel="modulepreload" integrity>.
        const integrity = Object.fromEntries(chunks.map((chunk) => [chunk.fileName, sri(chunk.code)]).sort(([a], [b]) => a.localeCompare(b)));
        this.emitFile({
          type: 'asset',
          fileName: 'manifest.json',
          source: `${JSON.stringify({ version, loader: loader.fileName, runtime, elements, integrity }, null, 2)}\n`,
        });
      },
    },
  };
}

/** A Subresource Integrity value: `sha384-` and the base64 digest of the file's bytes. */
export function sri(code) {
  return `sha384-${createHash('sha384').update(code).digest('base64')}`;
}

/** The rollup options for dist/cdn/, given the shared resolve/minify plugins. */
export function cdnBundle({ root, outDir, plugins, onwarn }) {
  const widgetsSrc = join(root, 'packages/widgets/src');
  const { version } = JSON.parse(readFileSync(join(root, 'packages/widgets/package.json'), 'utf8'));
  return {
    input: { kabinet: ENTRY },
    plugins: [cdnEntry({ widgetsSrc, version }), ...plugins],
    output: {
      dir: outDir,
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      manualChunks: sharedChunk,
    },
    onwarn,
  };
}
