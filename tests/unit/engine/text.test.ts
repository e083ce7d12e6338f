import { describe, expect, it } from 'vitest';
import { parseMarkdown, plainText } from '../../../src/engine/markdown.js';
import { renderText } from '../../../src/engine/render.js';
import { fillTokens } from '../../../src/engine/tokens.js';
import type { MarkdownNode } from '../../../src/engine/state.js';

const t = (text: string): MarkdownNode => ({ type: 'text', text });

describe('parseMarkdown', () => {
  it.each<[string, string, MarkdownNode[]]>([
    ['plain text', 'Hello there', [t('Hello there')]],
    ['bold', 'a **b** c', [t('a '), { type: 'bold', children: [t('b')] }, t(' c')]],
    ['italic', 'a _b_ c', [t('a '), { type: 'italic', children: [t('b')] }, t(' c')]],
    ['bold inside italic', '_a **b**_', [{ type: 'italic', children: [t('a '), { type: 'bold', children: [t('b')] }] }]],
    ['an https link', 'see [docs](https://x.example/docs).', [t('see '), { type: 'link', href: 'https://x.example/docs', children: [t('docs')] }, t('.')]],
    ['a mailto link', '[mail us](mailto:hi@x.example)', [{ type: 'link', href: 'mailto:hi@x.example', children: [t('mail us')] }]],
    ['a tel link', '[call](tel:+15551234)', [{ type: 'link', href: 'tel:+15551234', children: [t('call')] }]],
    ['bold in a link label', '[**go**](http://x.example)', [{ type: 'link', href: 'http://x.example', children: [{ type: 'bold', children: [t('go')] }] }]],
    ['snake_case is not italic', 'my_file_name here', [t('my_file_name here')]],
    ['an unclosed marker stays text', 'a **b and _c', [t('a **b and _c')]],
    ['spaced stars are not bold', 'a ** b ** c', [t('a ** b ** c')]],
    ['escaped markers stay text', 'a \\*\\*b\\*\\* \\_c\\_', [t('a **b** _c_')]],
    ['underscores inside a token are not italic', 'You said {{answers.my_card}} and _this_', [t('You said {{answers.my_card}} and '), { type: 'italic', children: [t('this')] }]],
    ['newlines are kept', 'one\ntwo', [t('one\ntwo')]],
    ['empty text', '', []],
  ])('%s', (_name, source, tree) => {
    expect(parseMarkdown(source)).toEqual(tree);
  });

  it.each([
    ['javascript:', '[click](javascript:alert(1))'],
    ['JavaScript: in capitals', '[click](JavaScript:alert(1))'],
    ['data:', '[x](data:text/html;base64,PHNjcmlwdD4=)'],
    ['vbscript:', '[x](vbscript:msgbox)'],
    ['a relative path', '[x](/pricing)'],
    ['a scheme hidden behind a tab', '[x](java\tscript:alert(1))'],
    ['an href with a space', '[x](https://a.example/ b)'],
  ])('does not make a link of %s: it stays plain text', (_name, source) => {
    const tree = parseMarkdown(source);
    expect(JSON.stringify(tree)).not.toContain('"link"');
    expect(plainText(tree)).toBe(source);
  });

  it.each([
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '**<b>bold</b>**',
    '[<svg onload=alert(1)>](https://x.example)',
  ])('keeps HTML as text: %s', (source) => {
    const tree = parseMarkdown(source);
    expect(plainText(tree)).toBe(source.replace(/\*\*/g, '').replace(/\[(.*)\]\(.*\)/, '$1'));
    const texts = JSON.stringify(tree);
    expect(texts).toContain('<');
  });

  it('stays fast on hostile input (no quadratic blow-up)', () => {
    const hostile = ' _a'.repeat(50000) + ' [b'.repeat(50000) + ' **c'.repeat(50000);
    const tree = parseMarkdown(hostile);
    expect(plainText(tree)).toBe(hostile);
  });

  it('caps nesting and keeps deeper markers as text', () => {
    const deep = '**_'.repeat(20) + 'x' + '_**'.repeat(20);
    expect(plainText(parseMarkdown(deep))).toContain('x');
  });
});

describe('plainText', () => {
  it('drops markers and link targets, keeps labels', () => {
    expect(plainText(parseMarkdown('**Hi** _there_, see [docs](https://x.example).'))).toBe('Hi there, see docs.');
  });
});

describe('fillTokens', () => {
  const ctx = {
    lead: { firstName: 'Ana', email: '', score: 42, company: { name: 'Acme' } },
    company: { name: 'Acme', size: 250 },
    answers: { ask: 'sales', 'small-team': 'yes' },
    page: { url: 'https://x.example/pricing?a=1', path: '/pricing', referrer: '' },
  };

  it.each([
    ['a lead field', 'Hi {{lead.firstName}}!', 'Hi Ana!'],
    ['spaces inside braces', 'Hi {{ lead.firstName }}!', 'Hi Ana!'],
    ['a company field', '{{company.name}} has {{company.size}} people', 'Acme has 250 people'],
    ['an answer', 'You picked {{answers.ask}}', 'You picked sales'],
    ['an answer of a card id with a dash', '{{answers.small-team}}', 'yes'],
    ['a page field', 'on {{page.path}}', 'on /pricing'],
    ['a number', 'score {{lead.score}}', 'score 42'],
    ['the pipe fallback when the field is missing', 'Hi {{lead.lastName | friend}}', 'Hi friend'],
    ['the pipe fallback when the field is empty', 'Mail: {{lead.email | none}}', 'Mail: none'],
    ['a quoted pipe fallback', 'Hi {{lead.lastName | "friend"}}', 'Hi friend'],
    ["Marketo's fallback", 'Hi {{lead.nickname:"there"}}', 'Hi there'],
    ["Marketo's fallback, single quotes", "Hi {{lead.nickname:'there'}}", 'Hi there'],
    ['nothing for an unknown field without fallback', 'Hi {{lead.nickname}}!', 'Hi !'],
    ['nothing for an unknown root', 'Hi {{visitor.name}}!', 'Hi !'],
    ['nothing for an object value', '{{lead.company}}', ''],
    ['a value that is present wins over the fallback', '{{lead.firstName | friend}}', 'Ana'],
    ['text that is not a token stays', 'a {{ b and }} c', 'a {{ b and }} c'],
  ])('fills %s', (_name, source, expected) => {
    expect(fillTokens(source, ctx)).toBe(expected);
  });
});

describe('renderText: tokens cannot create markup', () => {
  const hostile = '**[win](javascript:alert(1))** <img src=x onerror=alert(1)> _x_ [y](https://evil.example)';
  const ctx = { lead: { firstName: hostile }, answers: { ask: hostile } };

  it('keeps a visitor answer inserted by a token as literal text', () => {
    const { text, tree } = renderText('You said: {{answers.ask}}', ctx);
    expect(tree).toEqual([t(`You said: ${hostile}`)]);
    expect(text).toBe(`You said: ${hostile}`);
  });

  it('applies the template markdown around the token', () => {
    const { tree } = renderText('Hi **{{lead.firstName}}**, see [our docs](https://x.example/docs?from={{lead.firstName}})', ctx);
    expect(tree[1]).toEqual({ type: 'bold', children: [t(hostile)] });
    // An href never takes a token's value.
    expect(tree[3]).toEqual({ type: 'link', href: 'https://x.example/docs?from={{lead.firstName}}', children: [t('our docs')] });
  });

  it('fills tokens inside link labels', () => {
    const { tree, text } = renderText('[Book with {{lead.firstName | us}}](https://x.example)', { lead: {} });
    expect(tree).toEqual([{ type: 'link', href: 'https://x.example', children: [t('Book with us')] }]);
    expect(text).toBe('Book with us');
  });

  it('drops a token that fills to nothing', () => {
    expect(renderText('{{lead.firstName}}', { lead: {} }).tree).toEqual([]);
  });
});
