import PDFDocument from 'pdfkit';
import { toMajorUnits } from '../../domain/currency.ts';
import { EVIDENCE_SOURCE_LABELS } from '../../domain/knowledge/evidence.ts';
import type { HandOver } from '../../contract/hand-overs.ts';
import { footEveryPage, plainPdfText as plain } from '../reviews/index.ts';

// The hand-over brief printed: portrait A4, the sections of the page as headings, the people,
// actions and timeline as ruled tables, "Page n of m" at the foot of every page. Standard fonts and
// text only, so it is small and searchable.

const PAGE = { width: 595.28, height: 841.89, margin: 48 };
const BOTTOM = PAGE.height - PAGE.margin - 18;
const CONTENT = PAGE.width - 2 * PAGE.margin;
const INK = '#1f2933';
const DIM = '#6b7785';
const BRAND = '#3b5bdb';
const RULE = '#d0d7de';

type Doc = PDFKit.PDFDocument;

const money = (m: { amountMinor: number; currency: string }) =>
  `${m.currency} ${Math.round(toMajorUnits(m.amountMinor, m.currency)).toLocaleString('en-US')}`;
const day = (iso: string) => iso.slice(0, 10);
const pct = (p: number | null) => (p === null ? '-' : `${Math.round(p * 100)} %`);

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) {
    doc.addPage();
    doc.y = PAGE.margin;
  }
}

function heading(doc: Doc, text: string): void {
  ensureRoom(doc, 40);
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(12.5).fillColor(BRAND).text(plain(text), PAGE.margin, doc.y, { width: CONTENT });
  const y = doc.y + 2;
  doc
    .moveTo(PAGE.margin, y)
    .lineTo(PAGE.width - PAGE.margin, y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc.y = y + 6;
}

function subheading(doc: Doc, text: string): void {
  ensureRoom(doc, 28);
  doc.moveDown(0.3);
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(plain(text), PAGE.margin, doc.y, { width: CONTENT });
  doc.moveDown(0.2);
}

function paragraph(doc: Doc, text: string, options: { dim?: boolean; indent?: number; size?: number } = {}): void {
  const indent = options.indent ?? 0;
  const size = options.size ?? 9;
  doc.font('Helvetica').fontSize(size);
  const h = doc.heightOfString(plain(text), { width: CONTENT - indent });
  ensureRoom(doc, h);
  doc.fillColor(options.dim ? DIM : INK).text(plain(text), PAGE.margin + indent, doc.y, { width: CONTENT - indent });
}

function empty(doc: Doc, text: string): void {
  paragraph(doc, text, { dim: true });
}

/** A ruled table: a bold header row, then rows as tall as their tallest cell, repeated header on a new page. */
function table(doc: Doc, columns: Array<{ title: string; width: number }>, rows: string[][]): void {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * CONTENT);
  const pad = 3;
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    const h = Math.max(...cells.map((c, k) => doc.heightOfString(plain(c), { width: widths[k]! - 2 * pad }))) + 2 * pad;
    if (doc.y + h > BOTTOM) {
      doc.addPage();
      doc.y = PAGE.margin;
      if (!bold)
        drawRow(
          columns.map((c) => c.title),
          true,
        );
    }
    const top = doc.y;
    let x = PAGE.margin;
    cells.forEach((c, k) => {
      doc.fillColor(bold ? DIM : INK).text(plain(c), x + pad, top + pad, { width: widths[k]! - 2 * pad });
      x += widths[k]!;
    });
    doc.y = top + h;
    doc
      .moveTo(PAGE.margin, doc.y)
      .lineTo(PAGE.width - PAGE.margin, doc.y)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
  };
  drawRow(
    columns.map((c) => c.title),
    true,
  );
  for (const row of rows) drawRow(row, false);
  doc.moveDown(0.3);
}

function evidenceLine(e: HandOver['brief']['known'][number]['facts'][number]['evidence']): string {
  const who = e.contactName ? `${e.contactName}, ` : '';
  const quote = e.text ? `"${e.text}" - ` : '';
  return `${quote}${who}${EVIDENCE_SOURCE_LABELS[e.source].toLowerCase()}, ${day(e.observedAt)}; recorded by ${e.recordedByName}`;
}

export function renderBriefPdf(h: HandOver, options: { compress?: boolean } = {}): Doc {
  const b = h.brief;
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    compress: options.compress ?? true,
    info: { Title: plain(`Hand-over brief: ${b.deal.name}`), Author: 'Winsight' },
  });
  doc
    .font('Helvetica-Bold')
    .fontSize(17)
    .fillColor(INK)
    .text(plain(`Hand-over brief: ${b.deal.name}`), PAGE.margin, PAGE.margin, {
      width: CONTENT,
    });
  paragraph(
    doc,
    `From ${h.fromName} to ${h.toName}, handed over by ${h.byName} on ${day(h.at)}${h.reason === 'leaver' ? ` (${h.fromName} has left)` : ''}. ` +
      (h.acknowledgedAt
        ? `Acknowledged by ${h.acknowledgedByName ?? h.toName} on ${day(h.acknowledgedAt)}.`
        : 'Not yet acknowledged.'),
    { dim: true },
  );

  heading(doc, 'The deal');
  table(
    doc,
    [
      { title: 'Account', width: 3 },
      { title: 'Stage', width: 2 },
      { title: 'Amount', width: 2 },
      { title: 'Close date', width: 2 },
      { title: 'Win probability', width: 2 },
      { title: 'Coverage', width: 1.6 },
    ],
    [
      [
        b.deal.accountName,
        b.deal.stageName,
        money(b.deal.amount),
        b.deal.expectedCloseDate,
        pct(b.deal.winProbability),
        b.deal.coverageIndex === null ? '-' : `${Math.round(b.deal.coverageIndex * 100)} %`,
      ],
    ],
  );

  heading(doc, 'What we know');
  if (b.known.length === 0) empty(doc, 'Nothing has been recorded about this deal yet.');
  for (const o of b.known) {
    subheading(doc, `${o.name} (knowledge level ${o.knowledgeLevel} of 4)`);
    for (const f of o.facts) {
      paragraph(doc, `${f.subject}: ${f.value}`, { indent: 8 });
      paragraph(doc, evidenceLine(f.evidence), { indent: 18, dim: true, size: 8 });
    }
  }

  heading(doc, "What we don't know");
  subheading(doc, 'Asked, answered "unknown"');
  if (b.unknown.length === 0) empty(doc, 'None.');
  for (const g of b.unknown) paragraph(doc, `${g.objectiveName} - ${g.label}: ${g.question}`, { indent: 8 });
  subheading(doc, 'Not yet explored');
  if (b.notExplored.length === 0) empty(doc, 'Every objective has been explored.');
  for (const g of b.notExplored) paragraph(doc, `${g.label}: ${g.question}`, { indent: 8 });

  heading(doc, 'The buying group');
  if (b.people.length === 0) empty(doc, 'No one of the buying group is recorded yet.');
  else
    table(
      doc,
      [
        { title: 'Person', width: 3 },
        { title: 'Roles', width: 3 },
        { title: 'Influence', width: 1.6 },
        { title: 'Attitude', width: 2 },
        { title: 'Favours', width: 2 },
      ],
      b.people.map((p) => [
        `${p.name}${p.title ? `, ${p.title}` : ''}${p.isEconomicBuyer ? ' (economic buyer)' : ''}`,
        p.roles.join(', ') || '-',
        p.influence ?? 'unknown',
        p.attitude ?? 'unknown',
        p.favours ?? 'unknown',
      ]),
    );

  heading(doc, 'Danger zones');
  if (b.zones.length === 0) empty(doc, 'The deal is in no danger zone.');
  for (const z of b.zones)
    paragraph(doc, `${z.severity.toUpperCase()}: ${z.name}${z.unknowns.length ? ` - ${z.unknowns.join('; ')}` : ''}`, {
      indent: 8,
    });

  heading(doc, 'Agreed actions');
  if (b.actions.length === 0) empty(doc, 'No open actions.');
  else
    table(
      doc,
      [
        { title: 'Action', width: 6 },
        { title: 'Owner', width: 2 },
        { title: 'Due', width: 1.6 },
      ],
      b.actions.map((a) => [a.text, a.ownerName, `${a.dueDate}${a.isOverdue ? ' (overdue)' : ''}`]),
    );

  heading(doc, 'Timeline of what was learned');
  if (b.timeline.length === 0) empty(doc, 'Nothing learned yet.');
  else
    table(
      doc,
      [
        { title: 'Date', width: 1.4 },
        { title: 'What', width: 5 },
        { title: 'By', width: 2 },
      ],
      b.timeline.map((t) => [
        day(t.at),
        `${t.action}: ${t.what}${t.value ? ` = ${t.value}` : ''}${t.evidence?.text ? ` ("${t.evidence.text}")` : ''}`,
        t.byName,
      ]),
    );
  if (b.timelineTotal > b.timeline.length)
    empty(doc, `The ${b.timeline.length} most recent of ${b.timelineTotal} entries; the deal's history has them all.`);

  footEveryPage(doc, `${b.deal.name} - hand-over brief`, {
    height: PAGE.height,
    margin: PAGE.margin,
    content: CONTENT,
    below: 8,
  });
  doc.end();
  return doc;
}
