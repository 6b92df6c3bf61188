import { Blockquote, List, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import { parseMarkdown, type Span } from '../../../domain/proposals/markdown.ts';

// The proposal as the customer will read it. The Markdown is read into blocks and each drawn as a
// React element: words are text, never HTML, so nothing in a proposal (or a customer's quote) runs.

function Spans({ spans }: { spans: readonly Span[] }) {
  return (
    <>{spans.map((s, k) => (s.bold ? <strong key={k}>{s.text}</strong> : <Fragment key={k}>{s.text}</Fragment>))}</>
  );
}

export function ProposalPreview({ text }: { text: string }) {
  const blocks = parseMarkdown(text);
  return (
    <Stack gap="sm" data-testid="proposal-preview">
      {blocks.map((b, k) => {
        switch (b.kind) {
          case 'heading':
            return (
              <Title key={k} order={(b.level + 1) as 2 | 3 | 4} mt={b.level === 1 ? 0 : 'sm'}>
                <Spans spans={b.spans} />
              </Title>
            );
          case 'paragraph':
            return (
              <Text key={k} size="sm">
                <Spans spans={b.spans} />
              </Text>
            );
          case 'quote':
            return (
              <Blockquote key={k} p="sm" fz="sm" fs="italic">
                <Spans spans={b.spans} />
              </Blockquote>
            );
          case 'list':
            return (
              <List key={k} size="sm">
                {b.items.map((item, i) => (
                  <List.Item key={i}>
                    <Spans spans={item} />
                  </List.Item>
                ))}
              </List>
            );
          case 'table':
            return (
              <Table key={k} withTableBorder fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    {b.header.map((h, i) => (
                      <Table.Th key={i}>
                        <Spans spans={h} />
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {b.rows.map((row, r) => (
                    <Table.Tr key={r}>
                      {row.map((c, i) => (
                        <Table.Td key={i}>
                          <Spans spans={c} />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            );
        }
      })}
    </Stack>
  );
}
