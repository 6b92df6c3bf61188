// Reading what an uncompressed pdfkit document shows, for tests of printed exports.

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

export async function bytesOf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of doc) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The text an uncompressed pdfkit document shows, in order: its TJ arrays' hex strings, decoded, one line each. */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  return [...source.matchAll(/\[([^\]]*)\] TJ/g)]
    .map((m) => [...m[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => fromWindows1252(Buffer.from(h[1]!, 'hex'))).join(''))
    .join('\n');
}

/** How many pages the document has. */
export const pdfPageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
