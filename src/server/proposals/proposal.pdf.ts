import PDFDocument from 'pdfkit';
import { parseMarkdown, spansText, type Span } from '../../domain/proposals/markdown.ts';
import { footEveryPage, plainPdfText as plain } from '../reviews/index.ts';

// The customer document as PDF: portrait A4, the proposal's Markdown drawn as headings, paragraphs,
// bullet lists, quotes and ruled tables, "Page n of m" at the foot of every page. Only the
// version's text goes in: the notes to the seller and the internal appendix are not part of it.

const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const BOTTOM = PAGE.height - PAGE.margin - 18;
const CONTENT = PAGE.width - 2 * PAGE.margin;
const INK = '#1f2933';
const DIM = '#6b7785';
const BRAND = '#3b5bdb';
const RULE = '#d0d7de';
const SIZES = { 1: 18, 2: 13.5, 3: 11 } as const;

type Doc = PDFKit.PDFDocument;

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) {
    doc.addPage();
    doc.y = PAGE.margin;
  }
}

/** Spans as one flowing text, bold where marked. */
function spans(doc: Doc, content: readonly Span[], x: number, width: number, size: number, color = INK): void {
  const parts = content.length > 0 ? content : [{ text: '', bold: false }];
  doc.fontSize(size).fillColor(color);
  const h = doc.font('Helvetica').heightOfString(plain(spansText(parts)), { width });
  ensureRoom(doc, h);
  parts.forEach((s, k) => {
    doc.font(s.bold ? 'Helvetica-Bold' : 'Helvetica');
    const options = { width, continued: k < parts.length - 1 };
    if (k === 0) doc.text(plain(s.text), x, doc.y, options);
    else doc.text(plain(s.text), options);
  });
}

function table(doc: Doc, header: Span[][], rows: Span[][][]): void {
  const width = CONTENT / header.length;
  const pad = 4;
  const drawRow = (cells: Span[][], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const h =
      Math.max(...cells.map((c) => doc.heightOfString(plain(spansText(c)) || ' ', { width: width - 2 * pad }))) +
      2 * pad;
    if (doc.y + h > BOTTOM) {
      doc.addPage();
      doc.y = PAGE.margin;
      if (!bold) drawRow(header, true);
    }
    const top = doc.y;
    cells.forEach((c, k) => {
      const isBold = bold || (c.length > 0 && c.every((s) => s.bold));
      doc
        .font(isBold ? 'Helvetica-Bold' : 'Helvetica')
        .fillColor(bold ? DIM : INK)
        .text(plain(spansText(c)), PAGE.margin + k * width + pad, top + pad, { width: width - 2 * pad });
    });
    doc.y = top + h;
    doc
      .moveTo(PAGE.margin, doc.y)
      .lineTo(PAGE.width - PAGE.margin, doc.y)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
  };
  drawRow(header, true);
  for (const row of rows) drawRow(row, false);
  doc.moveDown(0.6);
}

export function renderProposalPdf(text: string, title: string, options: { compress?: boolean } = {}): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    compress: options.compress ?? true,
    info: { Title: plain(title), Author: 'Winsight' },
  });
  doc.y = PAGE.margin;
  for (const block of parseMarkdown(text)) {
    switch (block.kind) {
      case 'heading': {
        ensureRoom(doc, 48);
        doc.moveDown(block.level === 1 ? 0 : 0.6);
        spans(
          doc,
          block.spans.map((s) => ({ ...s, bold: true })),
          PAGE.margin,
          CONTENT,
          SIZES[block.level],
          block.level === 1 ? INK : BRAND,
        );
        if (block.level === 2) {
          const y = doc.y + 2;
          doc
            .moveTo(PAGE.margin, y)
            .lineTo(PAGE.width - PAGE.margin, y)
            .lineWidth(0.5)
            .strokeColor(RULE)
            .stroke();
          doc.y = y + 6;
        } else doc.moveDown(0.3);
        break;
      }
      case 'paragraph':
        spans(doc, block.spans, PAGE.margin, CONTENT, 10);
        doc.moveDown(0.5);
        break;
      case 'quote':
        spans(doc, block.spans, PAGE.margin + 16, CONTENT - 16, 10, DIM);
        doc.moveDown(0.5);
        break;
      case 'list':
        for (const item of block.items) {
          ensureRoom(doc, 14);
          const y = doc.y;
          doc
            .font('Helvetica')
            .fontSize(10)
            .fillColor(INK)
            .text('•', PAGE.margin + 4, y, { lineBreak: false });
          doc.y = y;
          spans(doc, item, PAGE.margin + 16, CONTENT - 16, 10);
        }
        doc.moveDown(0.5);
        break;
      case 'table':
        table(doc, block.header, block.rows);
        break;
    }
  }
  footEveryPage(doc, title, { height: PAGE.height, margin: PAGE.margin, content: CONTENT, below: 12 });
  doc.end();
  return doc;
}
