// A vite plugin that minifies the CSS inside lit's css`…` tagged templates of our sources: the
// minifier leaves template text alone, and comments and indentation there are bytes every visitor
// downloads. Only transformations that cannot change what a rule means are applied.

/** Minifies one piece of CSS text (no interpolations inside); quoted strings stay as they are. */
export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/('[^'\n]*'|"[^"\n]*")/)
    .map((part, i) => (i % 2 === 1 ? part : squeeze(part)))
    .join('')
    .trim();
}

function squeeze(css) {
  return css
    .replace(/\s+/g, ' ')
    // Spaces beside braces, semicolons, commas and child combinators never matter. A space before
    // ':' does (`a :hover` is not `a:hover`), after it never does.
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

/** The plugin: applies {@link minifyCss} to every css`…` literal without `${…}` in files under src/. */
export function minifyCssLiterals() {
  return {
    name: 'dynamic-chat:minify-css-literals',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      const out = code.replace(/\bcss`([^`$\\]*)`/g, (_all, body) => `css\`${minifyCss(body)}\``);
      return out === code ? null : { code: out, map: null };
    },
  };
}
