// The build's CSS-literal minifier must only remove bytes that cannot change what a rule means.
import { describe, expect, it } from 'vitest';
import { minifyCss, minifyCssLiterals } from '../../scripts/minify-css-literals.mjs';

describe('minifyCss', () => {
  it.each([
    ['comments and indentation go', '  /* why */\n  .a {\n    color: red;\n  }\n', '.a{color:red}'],
    ['a space before a colon stays: `a :hover` is not `a:hover`', 'a :hover { x: 1 }', 'a :hover{x:1}'],
    ['quoted strings keep their spaces and punctuation', ".a::before { content: 'x : y, { z }' ; }", ".a::before{content:'x : y, { z }'}"],
    ['font names with spaces survive', "p { font-family: 'Segoe UI', Roboto , sans-serif; }", "p{font-family:'Segoe UI',Roboto,sans-serif}"],
    ['calc keeps the spaces its operators need', '.a { width: calc(100% - 2 * var(--x)); }', '.a{width:calc(100% - 2 * var(--x))}'],
    ['media queries and child combinators', '@media (max-width: 480px) { .a > .b { display: none; } }', '@media (max-width:480px){.a>.b{display:none}}'],
  ])('%s', (_name, input, output) => {
    expect(minifyCss(input)).toBe(output);
  });

  it('rewrites css`…` literals in sources and leaves interpolated ones and other files alone', () => {
    const plugin = minifyCssLiterals();
    const source = 'const a = css`\n  .x { color: red; }\n`;\nconst b = css`.y { ${z} }`;';
    expect(plugin.transform(source, '/repo/src/ui/styles.ts')?.code).toBe('const a = css`.x{color:red}`;\nconst b = css`.y { ${z} }`;');
    expect(plugin.transform(source, '/repo/node_modules/lit/index.ts')).toBeNull();
  });
});
