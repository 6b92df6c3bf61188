// The catalog's light markup, read into blocks the page renders as React elements: headings (#),
// lists (- or 1.), paragraphs, **bold**, _italic_ and [links](https://...). Nothing is ever
// handed to the browser as HTML, so text that looks like a tag stays text; links other than
// http(s) and mailto become their words alone.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; depth: 1 | 2 | 3; content: Inline[] }
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const HEADING = /^(#{1,3})\s+(.*)$/;
const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

export function parseRichText(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', lines: paragraph.map(parseInline) });
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    paragraph = [];
    list = null;
  };
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', depth: heading[1]!.length as 1 | 2 | 3, content: parseInline(heading[2]!) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const ordered = numbered !== null;
      if (paragraph.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[1]!);
      continue;
    }
    // a line right under a list item carries it on
    if (list) {
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    paragraph.push(line.trim());
  }
  flush();
  return blocks;
}

const INLINE = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)|_([^_\s](?:[^_\n]*[^_\s])?)_/g;
const WORD = /[\p{L}\p{N}]/u;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  let at = 0;
  INLINE.lastIndex = 0;
  const pattern = new RegExp(INLINE.source, 'g');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const [whole, strong, linkText, href, em] = match;
    if (em !== undefined) {
      // snake_case and ____ blanks are not emphasis: an underscore opens and closes only beside a non-letter
      const before = text[match.index - 1] ?? ' ';
      const after = text[match.index + whole.length] ?? ' ';
      if (WORD.test(before) || WORD.test(after)) {
        pattern.lastIndex = match.index + 1;
        continue;
      }
    }
    plain += text.slice(at, match.index);
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
    if (strong !== undefined) out.push({ kind: 'strong', children: parseInline(strong) });
    else if (em !== undefined) out.push({ kind: 'em', children: parseInline(em) });
    else if (isSafeHref(href!)) out.push({ kind: 'link', href: href!, children: parseInline(linkText!) });
    else out.push(...parseInline(linkText!));
    at = match.index + whole.length;
  }
  plain += text.slice(at);
  if (plain) out.push({ kind: 'text', text: plain });
  return out;
}

export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)[^\s]+$/i.test(href);
}
