// What each published package's tarball holds (`npm pack --dry-run`), after
// `npm run build`: its built files and package.json, nothing of src/ or
// test/, every `exports` target and the `customElements` manifest it names;
// and that its `sideEffects` tell a bundler the truth (rollup on dist/).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const root = fileURLToPath(new URL('..', import.meta.url));

interface PackageJson {
  name: string;
  sideEffects?: boolean | string[];
  exports: Record<string, Record<string, string>>;
  customElements?: string;
  bin?: Record<string, string>;
}

for (const dir of ['client', 'widgets', 'react', 'sandbox']) {
  const pkg = JSON.parse(readFileSync(`${root}packages/${dir}/package.json`, 'utf8')) as PackageJson;

  describe(`npm pack ${pkg.name}`, () => {
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: `${root}packages/${dir}`, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    ) as [{ files: { path: string }[] }];
    const files = new Set(packed.files.map((file) => file.path));

    it('holds only built files, bin scripts, docs and package.json', () => {
      const unexpected = [...files].filter(
        (path) => !/^(dist\/|bin\/)/.test(path) && !['package.json', 'README.md', 'LICENSE', 'custom-elements.json'].includes(path),
      );
      assert.deepEqual(unexpected, []);
      assert.ok(![...files].some((path) => /\.(test|stories)\.|tsbuildinfo/.test(path)), 'no tests, stories or build info');
    });

    it('holds every file its exports map points at, with types', () => {
      for (const [entry, conditions] of Object.entries(pkg.exports)) {
        assert.ok(conditions.types, `${entry} has types`);
        for (const [condition, target] of Object.entries(conditions)) {
          if (condition === '@kabinet/source') continue; // the monorepo's own condition: src/ is not published
          assert.ok(files.has(target.replace(/^\.\//, '')), `${entry} → ${condition}: ${target} is in the tarball`);
        }
      }
    });

    it('declares its side effects', () => {
      assert.ok(pkg.sideEffects !== undefined, 'sideEffects is set');
    });

    if (dir === 'widgets') {
      it('names its custom-elements manifest, and ships it', () => {
        assert.equal(pkg.customElements, 'custom-elements.json');
        assert.ok(files.has('custom-elements.json'));
      });
    }
  });
}

/** What a bundler keeps of `entry` (an app's module importing the published packages), unminified. */
async function bundled(entry: string): Promise<string> {
  const virtual = '\0app';
  const build = await rollup({
    input: virtual,
    external: (id) => id === 'react' || id.startsWith('react/'),
    plugins: [{ name: 'app', resolveId: (id) => (id === virtual ? id : null), load: (id) => (id === virtual ? entry : null) }, nodeResolve({ browser: true, rootDir: root })],
    onwarn: () => undefined,
  });
  const { output } = await build.generate({ format: 'es', inlineDynamicImports: true });
  await build.close();
  return output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');
}

describe('sideEffects, as a bundler reads them', () => {
  const registers = (code: string, tag: string) => code.includes(`define("${tag}"`) || code.includes(`define('${tag}'`);

  it('@kabinet/widgets: a bare import registers every element', async () => {
    const all = await bundled(`import '@kabinet/widgets';`);
    for (const tag of ['kb-provider', 'kb-login', 'kb-balance-card', 'kb-tariff-picker', 'kb-number-switcher', 'kb-top-up-form']) {
      assert.ok(registers(all, tag), `registers <${tag}>`);
    }
  });

  it('@kabinet/react: using a component registers the elements; a bare import keeps nothing', async () => {
    const used = await bundled(`import { KbBalanceCard } from '@kabinet/react'; console.log(KbBalanceCard);`);
    assert.ok(registers(used, 'kb-balance-card'), 'KbBalanceCard brings <kb-balance-card> along');
    const bare = await bundled(`import '@kabinet/react';`);
    assert.ok(!registers(bare, 'kb-balance-card'), 'a bare import is dropped: import @kabinet/widgets to register the tags');
  });

  it('@kabinet/client: the money helper alone leaves the transport out', async () => {
    const money = await bundled(`import { formatMoney } from '@kabinet/client'; console.log(formatMoney({ amount: 100, currency: 'RUB' }, 'ru'));`);
    assert.ok(money.includes('Intl.NumberFormat'), 'keeps the helper');
    assert.ok(!/class Ky\b|valibot/i.test(money), 'no ky, no valibot');
  });
});
