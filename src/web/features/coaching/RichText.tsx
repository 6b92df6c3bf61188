import { Anchor, List, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { parseRichText, type Inline } from './rich-text.ts';

/**
 * A catalog item's content, rendered from its light markup as React elements: the text is never
 * read as HTML. `headingOrder` is the level its top headings take on the page.
 */
export function RichText({ source, headingOrder = 3 }: { source: string; headingOrder?: 2 | 3 | 4 }) {
  const blocks = useMemo(() => parseRichText(source), [source]);
  return (
    <Stack gap="xs" className="rich-text">
      {blocks.map((block, b) => {
        switch (block.kind) {
          case 'heading':
            return (
              <Title key={b} order={Math.min(6, headingOrder + block.depth - 1) as TitleOrder} size="h5" mt="xs">
                {renderInlines(block.content)}
              </Title>
            );
          case 'paragraph':
            return (
              <Text key={b} size="sm">
                {block.lines.map((line, l) => (
                  <span key={l}>
                    {l > 0 ? <br /> : null}
                    {renderInlines(line)}
                  </span>
                ))}
              </Text>
            );
          case 'list':
            return (
              <List key={b} type={block.ordered ? 'ordered' : 'unordered'} size="sm" spacing={4} withPadding>
                {block.items.map((item, i) => (
                  <List.Item key={i}>{renderInlines(item)}</List.Item>
                ))}
              </List>
            );
        }
      })}
    </Stack>
  );
}

function renderInlines(inlines: readonly Inline[]): ReactNode {
  return inlines.map((inline, i) => {
    switch (inline.kind) {
      case 'text':
        return inline.text;
      case 'strong':
        return <strong key={i}>{renderInlines(inline.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInlines(inline.children)}</em>;
      case 'link':
        return (
          <Anchor key={i} href={inline.href} target="_blank" rel="noopener noreferrer" size="sm">
            {renderInlines(inline.children)}
          </Anchor>
        );
    }
  });
}
