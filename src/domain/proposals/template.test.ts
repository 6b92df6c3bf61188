import { describe, expect, it } from 'vitest';
import { blocksText, escapeInline, parseMarkdown } from './markdown.ts';
import {
  DEFAULT_TEMPLATE,
  PLACEHOLDER_NAMES,
  placeholdersIn,
  renderTemplate,
  templateProblems,
  type PlaceholderName,
} from './template.ts';

const values = Object.fromEntries(PLACEHOLDER_NAMES.map((n) => [n, `<${n} here>`])) as Record<PlaceholderName, string>;
const allKnown = Object.fromEntries(PLACEHOLDER_NAMES.map((n) => [n, true])) as Record<PlaceholderName, boolean>;
const valueUnknown = { ...allKnown, value_case: false };

describe('proposal templates', () => {
  it('the default template uses every placeholder and has no problem', () => {
    expect(templateProblems(DEFAULT_TEMPLATE)).toEqual([]);
    expect(placeholdersIn(DEFAULT_TEMPLATE).sort()).toEqual([...PLACEHOLDER_NAMES].sort());
  });

  it.each(PLACEHOLDER_NAMES)('renders {{%s}} with its value', (name) => {
    expect(renderTemplate(`before {{${name}}} after`, values, allKnown)).toBe(`before <${name} here> after`);
    expect(renderTemplate(`{{ ${name} }}`, values, allKnown)).toBe(`<${name} here>`);
  });

  it.each([
    ['{{appendix}}', ['appendix']],
    ['{{ customer }} and {{customr}} and {{customr}}', ['customr']],
    ['{{constructor}} {{__proto__}}', ['constructor', '__proto__']],
    ['{{ process.env.SECRET }}', ['process.env.SECRET']],
  ])('refuses %s naming %j', (text, names) => {
    expect(templateProblems(text).map((p) => p.placeholder)).toEqual(names);
  });

  it.each(['{{customer', 'customer}}', '{{customer}} {{'])('refuses unbalanced braces in %s', (text) => {
    expect(templateProblems(text).some((p) => p.placeholder === null)).toBe(true);
  });

  it('shows a {{#name}} section only when its placeholder rests on knowledge, a {{^name}} one only when not', () => {
    const text = 'A{{#value_case}} worth {{value_case}}{{/value_case}}{{^value_case}} worth asking{{/value_case}}.';
    expect(renderTemplate(text, values, allKnown)).toBe('A worth <value_case here>.');
    expect(renderTemplate(text, values, valueUnknown)).toBe('A worth asking.');
  });

  it('nests sections and substitutes inside them once', () => {
    const text = '{{#customer}}[{{#value_case}}{{customer}}: {{value_case}}{{/value_case}}]{{/customer}}';
    expect(renderTemplate(text, { ...values, value_case: '{{/customer}}' }, allKnown)).toBe(
      '[<customer here>: {{/customer}}]',
    );
    expect(renderTemplate(text, values, valueUnknown)).toBe('[]');
  });

  it.each([
    ['{{#value_case}} never closed', 'value_case', 'The section {{#value_case}} is never closed'],
    ['{{/value_case}} closed first', 'value_case', '{{/value_case}} closes no open section'],
    ['{{#pricing}}{{#value_case}}{{/pricing}}{{/value_case}}', 'pricing', 'close {{#value_case}} first'],
    ['{{#valu_case}}x{{/valu_case}}', 'valu_case', 'Unknown placeholder {{valu_case}}'],
  ])('refuses the sections of %j, naming %s', (text, name, message) => {
    const problems = templateProblems(text);
    expect(problems.some((p) => p.placeholder === name && p.message.includes(message))).toBe(true);
  });

  it('the default template drops the total when there is no price', () => {
    expect(renderTemplate(DEFAULT_TEMPLATE, values, allKnown)).toContain('Total investment: **<total_price here>**.');
    expect(renderTemplate(DEFAULT_TEMPLATE, values, { ...allKnown, total_price: false })).not.toContain(
      'Total investment',
    );
  });

  it('substitutes once: a value that looks like a placeholder stays as written', () => {
    expect(renderTemplate('{{customer}}', { ...values, customer: '{{pricing}}' }, allKnown)).toBe('{{pricing}}');
  });
});

describe('proposal Markdown', () => {
  it('reads headings, paragraphs, lists, quotes and tables', () => {
    const blocks = parseMarkdown(
      '# Title\n\nSome **bold** words\ncontinued.\n\n- one\n- two\n\n> "quoted"\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n',
    );
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'quote', 'table']);
    expect(blocks[1]).toEqual({
      kind: 'paragraph',
      spans: [
        { text: 'Some ', bold: false },
        { text: 'bold', bold: true },
        { text: ' words continued.', bold: false },
      ],
    });
    expect(blocks[4]).toMatchObject({ kind: 'table', rows: [[[{ text: '1' }], [{ text: '2' }]]] });
  });

  it.each(['# not a heading', '| a | b |', '**not bold**', '<script>alert(1)</script>', 'a\nb', '\\ back'])(
    'escapes %j so it shows as written, on one line',
    (text) => {
      const blocks = parseMarkdown(escapeInline(text));
      expect(blocks).toHaveLength(1);
      expect(blocks[0]!.kind).toBe('paragraph');
      expect(blocksText(blocks)).toBe(text.replace('\n', ' '));
    },
  );
});
