// A proposal template: Markdown with named placeholders, `{{executive_summary}}`, and sections that
// show only when we know what they rest on, `{{#value_case}}…{{/value_case}}`, or only when we do
// not, `{{^value_case}}…{{/value_case}}`. Rendering is plain substitution of text the draft wrote
// (customer words escaped there), so nothing in a template runs; a template naming a placeholder that
// does not exist, or a section left open or closed twice, is refused when it is saved.

/** Every placeholder a template may use, with what it becomes. The internal appendix is none of them. */
export const PLACEHOLDERS = {
  customer: "The customer's name (the account)",
  deal: "The opportunity's name",
  date: 'The day the draft was generated',
  seller: 'The seller who owns the deal',
  executive_summary: "The business issues and their quantified impact, in the customer's words",
  business_issues: 'How we address each business issue',
  decision_criteria: "Our response to each decision criterion, by the customer's weights",
  value_case: 'The return and payback from the impact and funding facts',
  compelling_event: 'What forces a decision, and by when',
  implementation_plan: 'The plan aligned with their decision process and compelling event',
  pricing: 'The pricing table, from the opportunity',
  total_price: 'The total price, in words',
} as const;

export type PlaceholderName = keyof typeof PLACEHOLDERS;
export const PLACEHOLDER_NAMES = Object.keys(PLACEHOLDERS) as PlaceholderName[];
const KNOWN = new Set<string>(PLACEHOLDER_NAMES);

export const TEMPLATE_MAX_LENGTH = 20_000;

export const DEFAULT_TEMPLATE = `# Proposal for {{customer}}

**{{deal}}** · prepared by {{seller}} on {{date}}

## Executive summary

{{executive_summary}}

## How we address your issues

{{business_issues}}

## Your decision criteria

{{decision_criteria}}

## Value case

{{value_case}}

## Why now

{{compelling_event}}

## Implementation plan

{{implementation_plan}}

## Investment

{{pricing}}

{{#total_price}}
Total investment: **{{total_price}}**.
{{/total_price}}
`;

const TOKEN = /\{\{([^{}]*)\}\}/g;

export type TemplateProblem = { placeholder: string | null; message: string };

/** Which placeholders have knowledge behind them: a section shows or hides by this. */
export type KnownPlaceholders = Readonly<Record<PlaceholderName, boolean>>;

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: string }
  | { kind: 'section'; name: string; when: boolean; parts: Part[] };

/** The template as text, values and sections, with what is wrong with its tags (each problem once). */
function parse(text: string): { parts: Part[]; problems: TemplateProblem[] } {
  const problems: TemplateProblem[] = [];
  const seen = new Set<string>();
  const problem = (placeholder: string | null, message: string) => {
    if (seen.has(message)) return;
    seen.add(message);
    problems.push({ placeholder, message });
  };
  const root: Part[] = [];
  const open: Array<{ name: string; parts: Part[] }> = [];
  const into = () => open.at(-1)?.parts ?? root;
  let at = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > at) into().push({ kind: 'text', text: text.slice(at, m.index) });
    at = m.index + m[0].length;
    const raw = m[1]!.trim();
    const sigil = raw[0] === '#' || raw[0] === '^' || raw[0] === '/' ? raw[0] : '';
    const name = raw.slice(sigil.length).trim();
    if (!KNOWN.has(name)) problem(name, `Unknown placeholder {{${name}}}`);
    if (sigil === '') {
      into().push({ kind: 'value', name });
    } else if (sigil === '/') {
      const top = open.at(-1);
      if (top?.name !== name) {
        problem(name, `{{/${name}}} closes no open section${top ? `: close {{#${top.name}}} first` : ''}`);
        continue;
      }
      open.pop();
    } else {
      const section: Part = { kind: 'section', name, when: sigil === '#', parts: [] };
      into().push(section);
      open.push(section);
    }
  }
  if (at < text.length) into().push({ kind: 'text', text: text.slice(at) });
  for (const s of open) problem(s.name, `The section {{#${s.name}}} is never closed: end it with {{/${s.name}}}`);
  const rest = text.replace(TOKEN, '');
  if (rest.includes('{{') || rest.includes('}}')) problem(null, 'A placeholder is not closed: write {{name}}');
  return { parts: root, problems };
}

/** What is wrong with a template: each unknown placeholder by name, unbalanced sections and braces. */
export function templateProblems(text: string): TemplateProblem[] {
  return parse(text).problems;
}

/** The placeholders a template uses as values, in order, each once. */
export function placeholdersIn(text: string): PlaceholderName[] {
  const names: PlaceholderName[] = [];
  const walk = (parts: readonly Part[]) => {
    for (const p of parts) {
      if (p.kind === 'value' && KNOWN.has(p.name)) names.push(p.name as PlaceholderName);
      if (p.kind === 'section') walk(p.parts);
    }
  };
  walk(parse(text).parts);
  return [...new Set(names)];
}

/**
 * The template with each placeholder replaced by its value (one pass: a value is never read again),
 * and each section kept or dropped by what is known. Unknown names render as nothing: a saved
 * template has none.
 */
export function renderTemplate(
  text: string,
  values: Readonly<Record<PlaceholderName, string>>,
  known: KnownPlaceholders,
): string {
  const out: string[] = [];
  const walk = (parts: readonly Part[]) => {
    for (const p of parts) {
      if (p.kind === 'text') out.push(p.text);
      else if (!KNOWN.has(p.name)) continue;
      else if (p.kind === 'value') out.push(values[p.name as PlaceholderName]);
      else if (known[p.name as PlaceholderName] === p.when) walk(p.parts);
    }
  };
  walk(parse(text).parts);
  return out.join('').replace(/\n{3,}/g, '\n\n');
}
