// Custom Elements Manifest for @kabinet/widgets: read from the component
// classes' JSDoc (@summary, @fires, @csspart, @cssprop, @slot); feeds
// Storybook's autodocs and editors. Run: npm run manifest
export default {
  globs: ['packages/widgets/src/**/*.component.ts'],
  exclude: ['**/*.test.ts', '**/*.browser.test.ts'],
  outdir: 'packages/widgets',
  litelement: true,
  plugins: [
    {
      // Tags are registered through the shared define(), not customElements.define
      // in the class file: link each class to its tag by the file name.
      name: 'kabinet-tag-names',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isClassDeclaration(node) || !node.name) return;
        const tag = moduleDoc.path.match(/(kb-[a-z-]+)\.component\.ts$/)?.[1];
        if (!tag) return;
        const declaration = moduleDoc.declarations?.find((d) => d.name === node.name.getText());
        if (declaration) {
          declaration.tagName = tag;
          declaration.customElement = true;
        }
      },
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          // The analyzer mistakes object shorthand ({ client, locale }) for module variables.
          const exported = new Set((mod.exports ?? []).map((e) => e.declaration?.name));
          mod.declarations = (mod.declarations ?? []).filter((d) => d.kind !== 'variable' || exported.has(d.name));
          for (const declaration of mod.declarations) {
            if (!declaration.tagName) continue;
            // Private (#) and protected state ({ state: true }) are not public API.
            const hidden = new Set(
              (declaration.members ?? [])
                .filter((m) => m.name.startsWith('#') || m.privacy === 'private' || m.privacy === 'protected')
                .map((m) => m.name),
            );
            declaration.members = (declaration.members ?? []).filter((m) => !hidden.has(m.name));
            declaration.attributes = (declaration.attributes ?? []).filter((a) => !hidden.has(a.fieldName ?? a.name));
            mod.exports = mod.exports ?? [];
            if (!mod.exports.some((e) => e.kind === 'custom-element-definition')) {
              mod.exports.push({
                kind: 'custom-element-definition',
                name: declaration.tagName,
                declaration: { name: declaration.name, module: mod.path },
              });
            }
          }
        }
      },
    },
  ],
};
