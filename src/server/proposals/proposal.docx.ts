import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { parseMarkdown, type Span } from '../../domain/proposals/markdown.ts';

// The customer document as Word: the proposal's Markdown drawn as real headings, bullet lists,
// quotes and tables, "Page n of m" in the footer. Only the version's text goes in: the notes to the
// seller and the internal appendix are not part of it.

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

const runs = (spans: readonly Span[], extra: { italics?: boolean; bold?: boolean } = {}) =>
  spans.map((s) => new TextRun({ text: s.text, bold: s.bold || extra.bold, italics: extra.italics }));

const cell = (spans: readonly Span[], header: boolean) =>
  new TableCell({
    children: [new Paragraph({ children: runs(spans, { bold: header }) })],
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
  });

export function renderProposalDocx(text: string, title: string): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  for (const block of parseMarkdown(text)) {
    switch (block.kind) {
      case 'heading':
        children.push(new Paragraph({ heading: HEADINGS[block.level], children: runs(block.spans) }));
        break;
      case 'paragraph':
        children.push(new Paragraph({ children: runs(block.spans), spacing: { after: 120 } }));
        break;
      case 'quote':
        children.push(
          new Paragraph({
            children: runs(block.spans, { italics: true }),
            indent: { left: 480 },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: '3B5BDB', space: 8 } },
            spacing: { after: 120 },
          }),
        );
        break;
      case 'list':
        for (const item of block.items) children.push(new Paragraph({ children: runs(item), bullet: { level: 0 } }));
        break;
      case 'table':
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: block.header.map((h) => cell(h, true)) }),
              ...block.rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) })),
            ],
          }),
          new Paragraph({ children: [] }),
        );
        break;
    }
  }
  const doc = new Document({
    creator: 'Winsight',
    title,
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
