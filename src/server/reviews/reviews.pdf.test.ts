import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopReview } from '../../contract/reviews.ts';
import { DEMO_PASSWORD } from '../demo/index.ts';
import { createDemoTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';
import { renderReviewPdf } from './reviews.pdf.ts';

let ctx: TestContext;
let manager: Caller;

beforeAll(async () => {
  ctx = await createDemoTestApp({ today: '2026-11-20' });
  manager = await signIn(ctx.app, 'manager1@demo.example.com', DEMO_PASSWORD);
});
afterAll(() => ctx.close());

async function bytesOf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of doc) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// the standard fonts' encoding (Windows-1252): latin-1, but for the typographic signs at 0x80-0x9f
const HIGH: Record<number, string> = {
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x85: '…',
  0x80: '€',
};
const fromWindows1252 = (bytes: Buffer) => [...bytes].map((b) => HIGH[b] ?? String.fromCharCode(b)).join('');

/** The text an uncompressed pdfkit document shows, in order: its TJ arrays' hex strings, decoded. */
function textOf(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  return [...source.matchAll(/\[([^\]]*)\] TJ/g)]
    .map((m) => [...m[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => fromWindows1252(Buffer.from(h[1]!, 'hex'))).join(''))
    .join('\n');
}

describe('the review printed', () => {
  it('is a landscape A4 PDF, three deals a page, each with its answers and its probability chart', async () => {
    const review = (await manager.get('/api/reviews/top')).json<TopReview>();
    const pdf = await bytesOf(renderReviewPdf(review, { generatedOn: '2026-12-04', compress: false }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages).toHaveLength(Math.ceil(review.items.length / 3));
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 841.89 595.28]');
    const text = textOf(pdf);
    for (const item of review.items) {
      // names print in Windows-1252: the typographic dash and minus read as plain signs
      expect(text).toContain(item.opportunity.name.replaceAll('−', '-'));
      expect(text).toContain(`${Math.round(item.winProbability * 100)} %`);
    }
    const named = review.items.find((i) => i.evaluators.length > 0)!;
    expect(text).toContain(named.evaluators[0]!.name);
    expect(text).toContain('WHO DECIDES');
    expect(text).toContain('CRITERIA');
  });

  it('downloads from the API with its name', async () => {
    const response = await manager.get('/api/reviews/top.pdf?period=2027-Q1');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="pipeline-review-2027-Q1.pdf"');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await manager.get('/api/reviews/top.pdf?period=soon')).statusCode).toBe(400);
  });
});
