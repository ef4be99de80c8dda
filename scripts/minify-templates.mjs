// A rollup plugin that minifies the static text of Lit's `css` and `html`
// (and `svg`) tagged templates in our widgets' sources: esbuild minifies the
// code around them but keeps every template's indentation and CSS comments,
// which ship to every page. Only the literal parts change, never the `${…}`
// expressions or a quoted CSS string; every line break stays where it was,
// and the plugin returns a source map of its edits (magic-string).
import MagicString from 'magic-string';
import ts from 'typescript';

const TAGS = new Set(['css', 'html', 'svg']);

/** HTML's whitespace: not U+00A0 and the other no-break spaces, which text may mean. */
const SPACE = /[ \t\n\r\f]+/g;

/** A run of whitespace as one space, or as its line breaks when it has any. */
function collapse(text) {
  return text.replace(SPACE, (space) => (space.includes('\n') ? space.replace(/[^\n]/g, '') : ' '));
}

/**
 * CSS text: comments dropped, whitespace collapsed and removed where CSS
 * ignores it (around braces, semicolons, after colons and commas). Quoted
 * strings stay as written. Line breaks are kept, one per run of whitespace
 * that had any.
 */
export function minifyCss(text) {
  // Strings and comments first, so a quote inside a comment or a brace inside a string is neither.
  return text
    .split(/("(?:\\[^]|[^"\\])*"|'(?:\\[^]|[^'\\])*'|\/\*[^]*?\*\/)/)
    .map((part, index) => {
      if (index % 2 === 1) return part.startsWith('/*') ? part.replace(/[^\n]/g, '') : part;
      return collapse(part)
        .replace(/ ?([{};,]) ?/g, '$1')
        .replace(/: /g, ':')
        .replace(/ ?\n ?/g, '\n');
    })
    .join('')
    .replace(/ +\n|\n +/g, '\n'); // where a comment was; a CSS string cannot hold a line break
}

/**
 * HTML text: each run of whitespace becomes one space (or its line breaks),
 * which renders the same, except in `<pre>` and `<textarea>`: a template
 * with either is left as written.
 */
export function minifyHtml(text) {
  return collapse(text);
}

/** Templates whose whitespace may be content. */
const KEEPS_WHITESPACE = /<(pre|textarea)\b|white-space:\s*pre/i;

/**
 * The edits of one module: a MagicString with its `css`, `html` and `svg`
 * templates minified, or `null` when it has none.
 */
function edit(code, fileName) {
  if (!/\b(css|html|svg)`/.test(code)) return null;
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out = new MagicString(code);
  let changed = false;
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
      const minify = node.tag.text === 'css' ? minifyCss : minifyHtml;
      const template = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      // The raw text of each part: between "`" or "}" and "${" or "`".
      const ranges = parts.map((part) => [part.getStart(source) + 1, part.end - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1)]);
      if (node.tag.text === 'css' || !ranges.some(([start, end]) => KEEPS_WHITESPACE.test(code.slice(start, end)))) {
        for (const [start, end] of ranges) {
          const text = code.slice(start, end);
          const minified = minify(text);
          if (minified !== text && end > start) {
            out.overwrite(start, end, minified);
            changed = true;
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return changed ? out : null;
}

/** The minified source of one module, or `null` when it has no template to minify. */
export function minifyTemplates(code, fileName) {
  return edit(code, fileName)?.toString() ?? null;
}

/** The plugin, for the TypeScript modules whose path matches `include`. */
export function minifyTemplateLiterals({ include }) {
  return {
    name: 'kabinet-minify-templates',
    transform(code, id) {
      if (!include.test(id.replaceAll('\\', '/'))) return null;
      const out = edit(code, id);
      return out ? { code: out.toString(), map: out.generateMap({ hires: true, source: id, includeContent: true }) } : null;
    },
  };
}
