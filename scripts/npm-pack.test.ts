// What each published package's tarball holds (`npm pack --dry-run`), after
// `npm run build`: its built files and package.json, nothing of src/ or
// test/, every `exports` target and the `customElements` manifest it names.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
          if (condition === 'source') continue; // the monorepo's own condition: src/ is not published
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
