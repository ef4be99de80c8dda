import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minifyCss, minifyTemplates } from './minify-templates.mjs';

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

  it('leaves a module without Lit templates alone', () => {
    assert.equal(minifyTemplates('const a = `x  y`;', 'a.ts'), null);
  });
});
