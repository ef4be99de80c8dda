// A rollup plugin that minifies the static text of Lit's `css` and `html`
// (and `svg`) tagged templates in our widgets' sources: esbuild minifies the
// code around them but keeps every template's indentation and CSS comments,
// which ship to every page. Only the literal parts change, never the `${…}`
// expressions, and every line break stays where it was, so the source maps
// built by the next step (esbuild) still point at the right lines.
import ts from 'typescript';

const TAGS = new Set(['css', 'html', 'svg']);

/**
 * CSS text: comments dropped, whitespace collapsed and removed where CSS
 * ignores it (around braces, semicolons, after colons and commas). Line
 * breaks are kept, one per run of whitespace that had any.
 */
export function minifyCss(text) {
  return collapse(text.replace(/\/\*[^]*?\*\//g, (comment) => comment.replace(/[^\n]/g, '')))
    .replace(/ ?([{};,]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/ ?\n ?/g, '\n');
}

/**
 * HTML text: each run of whitespace becomes one space (or one line break),
 * which renders the same: none of our templates uses `<pre>`, `<textarea>`
 * or `white-space: pre`.
 */
export function minifyHtml(text) {
  return collapse(text);
}

function collapse(text) {
  return text.replace(/\s+/g, (space) => (space.includes('\n') ? space.replace(/[^\n]/g, '') : ' '));
}

/** The minified source of one module, or `null` when it has no tagged template. */
export function minifyTemplates(code, fileName) {
  if (!/\b(css|html|svg)`/.test(code)) return null;
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
      const minify = node.tag.text === 'css' ? minifyCss : minifyHtml;
      const template = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const part of parts) {
        // The raw text between "`" or "}" and "${" or "`".
        const start = part.getStart(source) + 1;
        const end = part.end - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1);
        edits.push({ start, end, text: minify(code.slice(start, end)) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (edits.length === 0) return null;
  let out = code;
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

/** The plugin, for the TypeScript modules whose path matches `include`. */
export function minifyTemplateLiterals({ include }) {
  return {
    name: 'kabinet-minify-templates',
    transform(code, id) {
      if (!include.test(id)) return null;
      const minified = minifyTemplates(code, id);
      if (minified === null) return null;
      // Line for line: each line maps to the start of the same line.
      const lines = minified.split('\n').length;
      return { code: minified, map: { mappings: `AAAA${';AACA'.repeat(lines - 1)}`, sources: [id], names: [] } };
    },
  };
}
