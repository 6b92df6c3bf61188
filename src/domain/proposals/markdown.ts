// The small Markdown a proposal is written in, read into blocks that the browser preview, the DOCX
// and the PDF each draw themselves: headings, paragraphs, bullet lists, quotes and pipe tables, with
// **bold** inside. Nothing is ever handed to an HTML parser, so a customer's words cannot become
// markup; a backslash keeps a sign literal (escapeInline writes them).

export type Span = { text: string; bold: boolean };
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; spans: Span[] }
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'list'; items: Span[][] }
  | { kind: 'quote'; spans: Span[] }
  | { kind: 'table'; header: Span[][]; rows: Span[][][] };

const SPECIAL = /[\\`*_[\]|#<>]/g;

/** Text as one line of Markdown that shows exactly these words (line breaks become spaces). */
export function escapeInline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(SPECIAL, (c) => `\\${c}`);
}

/** Inline text into spans: `**` toggles bold, a backslash keeps the next sign as it is. */
export function parseInline(text: string): Span[] {
  const spans: Span[] = [];
  let bold = false;
  let current = '';
  const flush = () => {
    if (current) spans.push({ text: current, bold });
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
    } else if (c === '*' && text[i + 1] === '*') {
      flush();
      bold = !bold;
      i++;
    } else {
      current += c;
    }
  }
  flush();
  return spans;
}

/** The plain words of some spans. */
export const spansText = (spans: readonly Span[]) => spans.map((s) => s.text).join('');

// a table row's cells, split on pipes that are not escaped
function cells(line: string): string[] {
  const inner = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  const out: string[] = [];
  let cell = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '\\' && i + 1 < inner.length) {
      cell += c + inner[++i];
    } else if (c === '|') {
      out.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  out.push(cell.trim());
  return out;
}

const isSeparator = (line: string) => /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line.trim());

/** A Markdown text as blocks. */
export function parseMarkdown(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', spans: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    const heading = /^(#{1,3})\s+(.*)$/.exec(trimmed);
    if (trimmed === '') {
      flush();
    } else if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]!.length as 1 | 2 | 3, spans: parseInline(heading[2]!) });
    } else if (trimmed.startsWith('|') && i + 1 < lines.length && isSeparator(lines[i + 1]!)) {
      flush();
      const header = cells(trimmed).map(parseInline);
      const rows: Span[][][] = [];
      i += 2;
      while (i < lines.length && lines[i]!.trim().startsWith('|')) {
        const row = cells(lines[i]!).map(parseInline);
        rows.push(header.map((_, k) => row[k] ?? []));
        i++;
      }
      i--;
      blocks.push({ kind: 'table', header, rows });
    } else if (/^[-*]\s+/.test(trimmed)) {
      flush();
      const items: Span[][] = [];
      while (i < lines.length && /^[-*]\s+/.test(lines[i]!.trim())) {
        items.push(parseInline(lines[i]!.trim().replace(/^[-*]\s+/, '')));
        i++;
      }
      i--;
      blocks.push({ kind: 'list', items });
    } else if (trimmed.startsWith('>')) {
      flush();
      const quoted: string[] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('>')) {
        quoted.push(lines[i]!.trim().replace(/^>\s?/, ''));
        i++;
      }
      i--;
      blocks.push({ kind: 'quote', spans: parseInline(quoted.join(' ')) });
    } else {
      paragraph.push(trimmed);
    }
  }
  flush();
  return blocks;
}

/** The words a document shows, block by block (for tests and search). */
export function blocksText(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
        case 'paragraph':
        case 'quote':
          return spansText(b.spans);
        case 'list':
          return b.items.map(spansText).join('\n');
        case 'table':
          return [b.header, ...b.rows].map((r) => r.map(spansText).join(' ')).join('\n');
      }
    })
    .join('\n');
}
