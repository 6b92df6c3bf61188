import type { FastifyReply } from 'fastify';
import PDFDocument from 'pdfkit';
import type { ReviewItem, TopReview } from '../../contract/reviews.ts';
import { toMajorUnits } from '../../domain/currency.ts';

// The review printed for the meeting room: landscape A4, three deals a page, each with its
// probability drawn beside the stage's and the seller's figures, and the five answers in columns.
// Drawn with pdfkit's own fonts and vectors (no screenshot), so it is small, sharp and searchable.

const PAGE = { width: 842, height: 595, margin: 32 };
const DEALS_PER_PAGE = 3;
const INK = '#1f2933';
const DIM = '#6b7785';
const BRAND = '#3b5bdb';
const TEAL = '#0b7a68';
const RED = '#c92a2a';

/** The standard PDF fonts speak Windows-1252: typographic signs outside it are written plainly. */
export function plain(text: string): string {
  return text
    .replaceAll('−', '-')
    .replaceAll('→', '->')
    .replaceAll('≥', '>=')
    .replaceAll('≤', '<=')
    .replaceAll(' ', ' ')
    .replace(/[^\u0009\u000a\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/g, '?');
}

/**
 * Writes the foot of every page of a document built with bufferPages: `title` on the left and
 * "Page k of n" on the right, `below` points under the bottom margin's edge, in small grey type.
 */
export function footEveryPage(
  doc: PDFKit.PDFDocument,
  title: string,
  page: { height: number; margin: number; content: number; below: number },
): void {
  const range = doc.bufferedPageRange();
  const y = page.height - page.margin + page.below;
  for (let k = range.start; k < range.start + range.count; k += 1) {
    doc.switchToPage(k);
    // the foot lies in the bottom margin: without this pdfkit would start a page for it
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#6b7785')
      .text(plain(title), page.margin, y, { width: page.content / 2, lineBreak: false })
      .text(`Page ${k - range.start + 1} of ${range.count}`, page.margin + page.content / 2, y, {
        width: page.content / 2,
        align: 'right',
        lineBreak: false,
      });
  }
}

const pct = (p: number) => `${Math.round(p * 100)} %`;

function money(amountMinor: number, currency: string): string {
  const major = Math.round(toMajorUnits(amountMinor, currency));
  return `${currency} ${major.toLocaleString('en-US')}`;
}

export function renderReviewPdf(
  review: TopReview,
  options: { generatedOn: string; compress?: boolean },
): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: PAGE.margin,
    compress: options.compress ?? true,
    info: { Title: `Pipeline review: ${review.scope.name}`, Author: 'Winsight' },
  });
  header(doc, review, options.generatedOn);
  const blockHeight = (PAGE.height - 2 * PAGE.margin - 52) / DEALS_PER_PAGE;
  review.items.forEach((item, k) => {
    if (k > 0 && k % DEALS_PER_PAGE === 0) {
      doc.addPage();
      header(doc, review, options.generatedOn);
    }
    deal(doc, item, k + 1, PAGE.margin + 52 + (k % DEALS_PER_PAGE) * blockHeight, blockHeight - 8);
  });
  if (review.items.length === 0)
    doc.font('Helvetica').fontSize(11).fillColor(DIM).text('No open deals in this scope and period.', PAGE.margin, 100);
  doc.end();
  return doc;
}

function header(doc: PDFKit.PDFDocument, review: TopReview, generatedOn: string): void {
  const x = PAGE.margin;
  doc
    .font('Helvetica-Bold')
    .fontSize(15)
    .fillColor(INK)
    .text(plain(`Pipeline review: ${review.scope.name}`), x, PAGE.margin, {
      width: 500,
    });
  const figures = `${review.openDeals} open deals · pipeline ${money(review.pipeline.amountMinor, review.pipeline.currency)} · weighted ${money(review.weightedPipeline.amountMinor, review.weightedPipeline.currency)} · ${review.period?.label ?? 'any close date'} · printed ${generatedOn}`;
  doc
    .font('Helvetica')
    .fontSize(8.5)
    .fillColor(DIM)
    .text(plain(figures), x, PAGE.margin + 20, { width: PAGE.width - 2 * x });
  doc
    .moveTo(x, PAGE.margin + 40)
    .lineTo(PAGE.width - x, PAGE.margin + 40)
    .lineWidth(0.5)
    .strokeColor('#d0d7de')
    .stroke();
}

/** Three bars: the evidence-based probability with its band, the stage's and the seller's figures. */
function probabilityChart(doc: PDFKit.PDFDocument, item: ReviewItem, x: number, y: number, width: number): number {
  const rows: Array<[string, number | null, string]> = [
    ['Evidence', item.winProbability, BRAND],
    ['Stage', item.stageProbability, '#adb5bd'],
    ['Seller', item.sellerProbability, '#f08c00'],
  ];
  const labelWidth = 42;
  const barWidth = width - labelWidth - 34;
  rows.forEach(([label, p, color], k) => {
    const top = y + k * 12;
    doc
      .font('Helvetica')
      .fontSize(7)
      .fillColor(DIM)
      .text(label, x, top + 1, { width: labelWidth });
    doc
      .rect(x + labelWidth, top, barWidth, 8)
      .fillColor('#f1f3f5')
      .fill();
    if (k === 0) {
      // the band: where the probability lies given what we know and don't know
      doc
        .rect(x + labelWidth + barWidth * item.band[0], top, barWidth * (item.band[1] - item.band[0]), 8)
        .fillColor('#c5d0fa')
        .fill();
    }
    if (p !== null)
      doc
        .rect(x + labelWidth, top + 2, barWidth * p, 4)
        .fillColor(color)
        .fill();
    doc
      .font('Helvetica')
      .fontSize(7)
      .fillColor(INK)
      .text(p === null ? 'none' : pct(p), x + labelWidth + barWidth + 4, top + 1, { width: 30 });
  });
  return y + rows.length * 12;
}

function column(
  doc: PDFKit.PDFDocument,
  title: string,
  lines: string[],
  x: number,
  y: number,
  width: number,
  bottom: number,
) {
  doc.font('Helvetica-Bold').fontSize(7).fillColor(DIM).text(title.toUpperCase(), x, y, { width });
  let top = y + 10;
  for (const line of lines) {
    const height = doc.font('Helvetica').fontSize(7.5).heightOfString(plain(line), { width });
    if (top + height > bottom) {
      doc.fillColor(DIM).text('…', x, top, { width });
      return;
    }
    doc.fillColor(INK).text(plain(line), x, top, { width });
    top += height + 1.5;
  }
  if (lines.length === 0)
    doc.font('Helvetica-Oblique').fontSize(7.5).fillColor('#b35c00').text('Not known yet', x, top, { width });
}

function deal(doc: PDFKit.PDFDocument, item: ReviewItem, rank: number, y: number, height: number): void {
  const o = item.opportunity;
  const x = PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;
  doc
    .font('Helvetica-Bold')
    .fontSize(10.5)
    .fillColor(INK)
    .text(plain(`${rank}. ${o.name}`), x, y, { width: width - 200 });
  doc
    .font('Helvetica-Bold')
    .fontSize(10.5)
    .text(money(item.value.amountMinor, item.value.currency), x + width - 200, y, { width: 200, align: 'right' });
  const sub = `${o.accountName} · ${o.ownerName} · ${o.stageName} · closes ${o.expectedCloseDate}${o.currency !== item.value.currency ? ` · ${money(o.amountMinor, o.currency)}` : ''}`;
  doc
    .font('Helvetica')
    .fontSize(7.5)
    .fillColor(DIM)
    .text(plain(sub), x, y + 14, { width });
  const top = y + 28;
  const bottom = y + height - 24;
  const chartWidth = 190;
  const below = probabilityChart(doc, item, x, top, chartWidth);
  doc.font('Helvetica').fontSize(7).fillColor(INK);
  let reasonTop = below + 3;
  for (const b of item.basis) {
    const line = plain(`${b.points >= 0 ? '+' : '-'}${Math.abs(Math.round(b.points))} pts ${b.reason}`);
    const h = doc.heightOfString(line, { width: chartWidth });
    if (reasonTop + h > bottom) break;
    doc.fillColor(b.points >= 0 ? TEAL : RED).text(line, x, reasonTop, { width: chartWidth });
    reasonTop += h + 1;
  }
  const columns = [
    {
      title: 'Who decides',
      lines: item.evaluators.map(
        (e) =>
          `${e.name}${e.isEconomicBuyer ? ' (economic buyer)' : ''}${e.isChampion ? ' (champion)' : ''}: ${e.influence ?? 'influence unknown'}, ${e.favours ? `favours ${e.favours === 'Us' ? 'us' : e.favours}` : 'preference unknown'}`,
      ),
    },
    {
      title: 'Against what',
      lines: item.alternatives.map(
        (a) =>
          `${a.name}${a.favouredBy.length > 0 ? `: favoured by ${a.favouredBy.join(', ')}` : ': nobody known to favour it'}`,
      ),
    },
    {
      title: 'Business issues',
      lines: item.businessIssues.map(
        (b) =>
          `"${b.title}": ${b.impact ?? (b.impactUnknown ? 'impact unknown' : 'impact not explored')}${b.impactAgreed ? ', agreed' : ''}`,
      ),
    },
    {
      title: 'Criteria',
      lines: item.decisionCriteria.map(
        (c) =>
          `${c.title}${c.mandatory ? ' (must-have)' : ''}${c.weight !== null ? `, weight ${c.weight}` : ''}: ${c.ourFit ?? 'fit unknown'}${c.bestOther ? `; ${c.bestOther.name} ${c.bestOther.fit}` : ''}`,
      ),
    },
  ];
  const columnWidth = (width - chartWidth - 16 - 3 * 10) / 4;
  columns.forEach((c, k) =>
    column(doc, c.title, c.lines, x + chartWidth + 16 + k * (columnWidth + 10), top, columnWidth, bottom),
  );
  const footer = [
    item.dangerZones.length > 0 ? `Danger zones: ${item.dangerZones.map((z) => z.name).join(', ')}` : null,
    item.unknowns.length > 0 ? `We don't know: ${item.unknowns.join('; ')}` : null,
    item.nextMove ? `Next: ${item.nextMove.action}` : null,
    item.actions.length > 0
      ? `Agreed: ${item.actions.map((a) => `${a.text} (${a.ownerName}, by ${a.dueDate})`).join('; ')}`
      : null,
  ].filter((line): line is string => line !== null);
  doc
    .font('Helvetica')
    .fontSize(7)
    .fillColor(INK)
    .text(plain(footer.join('   ·   ')), x, bottom + 2, { width, height: 20, ellipsis: true });
  doc
    .moveTo(x, y + height + 2)
    .lineTo(x + width, y + height + 2)
    .lineWidth(0.3)
    .strokeColor('#e9ecef')
    .stroke();
}

/** Sends a PDF as a download named `name`. */
export function sendPdf(reply: FastifyReply, name: string, doc: PDFKit.PDFDocument): FastifyReply {
  return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(doc);
}
