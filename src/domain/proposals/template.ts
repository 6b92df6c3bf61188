// A proposal template: Markdown with named placeholders, `{{executive_summary}}`. Rendering is
// plain substitution of text the draft wrote (customer words escaped there), so nothing in a
// template runs; a template naming a placeholder that does not exist is refused when it is saved.

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

Total investment: **{{total_price}}**.
`;

const TOKEN = /\{\{([^{}]*)\}\}/g;

export type TemplateProblem = { placeholder: string | null; message: string };

/** What is wrong with a template: each unknown placeholder by name, and unbalanced braces. */
export function templateProblems(text: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(TOKEN)) {
    const name = m[1]!.trim();
    if (!KNOWN.has(name) && !seen.has(name)) {
      seen.add(name);
      problems.push({ placeholder: name, message: `Unknown placeholder {{${name}}}` });
    }
  }
  const rest = text.replace(TOKEN, '');
  if (rest.includes('{{') || rest.includes('}}')) {
    problems.push({ placeholder: null, message: 'A placeholder is not closed: write {{name}}' });
  }
  return problems;
}

/** The placeholders a template uses, in order, each once. */
export function placeholdersIn(text: string): PlaceholderName[] {
  const names = [...text.matchAll(TOKEN)].map((m) => m[1]!.trim()).filter((n): n is PlaceholderName => KNOWN.has(n));
  return [...new Set(names)];
}

/** The template with each placeholder replaced by its value (one pass: a value is never read again). */
export function renderTemplate(text: string, values: Readonly<Record<PlaceholderName, string>>): string {
  return text
    .replace(TOKEN, (_, raw: string) => {
      const name = raw.trim();
      return KNOWN.has(name) ? values[name as PlaceholderName] : '';
    })
    .replace(/\n{3,}/g, '\n\n');
}
