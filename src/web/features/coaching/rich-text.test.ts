import { describe, expect, it } from 'vitest';
import { parseInline, parseRichText, type Inline } from './rich-text.ts';

const text = (t: string): Inline => ({ kind: 'text', text: t });

describe('the catalog markup', () => {
  it.each([
    ['plain words', [text('plain words')]],
    ['a **bold** word', [text('a '), { kind: 'strong', children: [text('bold')] }, text(' word')]],
    ['an _italic_ word', [text('an '), { kind: 'em', children: [text('italic')] }, text(' word')]],
    ['snake_case_name stays', [text('snake_case_name stays')]],
    ['a blank ______ to fill', [text('a blank ______ to fill')]],
    [
      'see [the guide](https://example.com/g).',
      [text('see '), { kind: 'link', href: 'https://example.com/g', children: [text('the guide')] }, text('.')],
    ],
    ['[click](javascript:alert(1))', [text('click'), text(')')]],
    ['<script>alert(1)</script>', [text('<script>alert(1)</script>')]],
    [
      '**[bold link](mailto:a@b.c)**',
      [{ kind: 'strong', children: [{ kind: 'link', href: 'mailto:a@b.c', children: [text('bold link')] }] }],
    ],
  ])('reads %j', (source, expected) => {
    expect(parseInline(source)).toEqual(expected);
  });

  it('reads headings, paragraphs and both kinds of list', () => {
    const blocks = parseRichText(
      '## Before\n\nFirst line\nsecond line\n\n- one\n- two\n  carried on\n1. first\n2. second\n### After',
    );
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'heading']);
    expect(blocks[0]).toMatchObject({ depth: 2 });
    expect(blocks[1]).toMatchObject({ lines: [[text('First line')], [text('second line')]] });
    expect(blocks[2]).toEqual({ kind: 'list', ordered: false, items: [[text('one')], [text('two carried on')]] });
    expect(blocks[3]).toMatchObject({ ordered: true, items: [[text('first')], [text('second')]] });
    expect(blocks[4]).toMatchObject({ depth: 3 });
  });

  it('reads nothing from empty text', () => {
    expect(parseRichText('\n\n')).toEqual([]);
  });
});
