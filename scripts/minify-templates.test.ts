import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minifyCss, minifyTemplateLiterals, minifyTemplates } from './minify-templates.mjs';

const lines = (text: string) => text.split('\n').length;

describe('template minifier', () => {
  it('drops CSS comments and the whitespace CSS ignores, keeping every line break', () => {
    const css = `
  :host {
    /* a comment with \`backticks\` and
       two lines */
    display: block;
    font: 1em / 1.4 var(--a, 'Segoe UI', sans-serif);
  }
  .a :is(b, c) > d {
    margin: 0 calc(100% - 2px);
  }
`;
    const minified = minifyCss(css);
    assert.equal(minified, `\n:host{\n\n\ndisplay:block;\nfont:1em / 1.4 var(--a,'Segoe UI',sans-serif);\n}\n.a :is(b,c) > d{\nmargin:0 calc(100% - 2px);\n}\n`);
    assert.equal(lines(minified), lines(css));
  });

  it('minifies only the literal parts of css, html and svg templates, nested ones too', () => {
    const source = [
      "import { css, html } from 'lit';",
      'const styles = css`',
      '  .x {',
      '    color: ${color};',
      '  }',
      '`;',
      'const view = html`',
      '  <p   class="a  b">',
      '    ${items.map((item) => html`<li>  ${item}  </li>`)}',
      '  </p>',
      '`;',
      'const text = `keep   these ; spaces`;',
      'const other = tag`  also   kept  `;',
    ].join('\n');
    const out = minifyTemplates(source, 'x.ts');
    assert.ok(out);
    assert.equal(lines(out), lines(source));
    assert.match(out, /css`\n\.x\{\ncolor:\$\{color\};\n\}\n`/);
    assert.match(out, /html`\n<p class="a b">\n\$\{items\.map\(\(item\) => html`<li> \$\{item\} <\/li>`\)\}\n<\/p>\n`/);
    assert.match(out, /`keep {3}these ; spaces`/);
    assert.match(out, /tag` {2}also {3}kept {2}`/);
  });

  it("keeps CSS strings, no-break spaces and a template's <pre> as written", () => {
    assert.equal(minifyCss(`a::after { content: ", " ; }\n[title='x: y;  z'] {}`), `a::after{content:", ";}\n[title='x: y;  z']{}`);
    assert.equal(minifyCss(`/* it's */ a { b: c }`), ` a{b:c}`);
    const source = 'const a = html`<p>1\u00a0000  ₽</p>`;\nconst b = html`<pre>  keep\n   this</pre>`;\nconst c = svg`<path   d="M0 0"/>`;';
    const out = minifyTemplates(source, 'x.ts');
    assert.ok(out);
    assert.match(out, /html`<p>1\u00a0000 ₽<\/p>`/);
    assert.match(out, /html`<pre> {2}keep\n {3}this<\/pre>`/);
    assert.match(out, /svg`<path d="M0 0"\/>`/);
  });

  it('maps the minified code back to the source, column for column', () => {
    const source = 'const styles = css`\n  .a {\n    color: red;\n  }\n`;\nexport const after = styles;\n';
    const plugin = minifyTemplateLiterals({ include: /x\.ts$/ });
    const result = (plugin.transform as (code: string, id: string) => { code: string; map: { mappings: string } })(source, '/src/x.ts');
    assert.equal(result.code, 'const styles = css`\n.a{\ncolor:red;\n}\n`;\nexport const after = styles;\n');
    // Hires: segments within lines, not only one per line.
    assert.ok(result.map.mappings.split(';')[0]!.split(',').length > 1, result.map.mappings);
  });

  it('leaves a module without Lit templates alone', () => {
    assert.equal(minifyTemplates('const a = `x  y`;', 'a.ts'), null);
  });
});
