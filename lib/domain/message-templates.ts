/**
 * Which borrower messages a creditor may word itself (per language), and what
 * each may say: only the placeholders its default text uses, and those it must
 * carry. An invitation must carry the case code and the check page's address;
 * no invitation has an amount to show (the SMS is read on a lock screen, and a
 * message about a debt must say nothing to whoever else sees it). Sign-in and
 * signing codes keep Concord's fixed wording.
 */
export const customizableTemplates = [
  'invitationSms',
  'invitationLetter',
  'installmentReminder',
  'installmentDue',
  'offerProposed',
  'offerWithdrawn',
  'offerAccepted',
  'offerExpired',
  'agreementExecuted',
  'agreementSuperseded',
  'caseMessage',
] as const;
export type CustomizableTemplate = (typeof customizableTemplates)[number];

export const requiredPlaceholders: Partial<Record<CustomizableTemplate, readonly string[]>> = {
  invitationSms: ['code', 'url'],
  invitationLetter: ['code', 'url'],
  installmentReminder: ['dueDate'],
  installmentDue: ['dueDate'],
};

/** Templates filled by the importer in SQL: plain {name} placeholders only, no ICU syntax. */
export const plainTemplates: readonly CustomizableTemplate[] = ['invitationSms', 'invitationLetter'];

export const maxTemplateLength = { subject: 120, body: 2000 } as const;

/** The top-level argument names of an ICU message ("{code}", "{days, plural, …}" → code, days). */
export function placeholdersOf(text: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" && (text[i + 1] === '{' || text[i + 1] === '}' || text[i + 1] === "'")) {
      i++;
      continue;
    }
    if (ch === '{') {
      if (depth === 0) {
        const m = /^\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*[,}]/.exec(text.slice(i));
        names.add(m ? m[1]! : '');
      }
      depth++;
    } else if (ch === '}') depth = Math.max(0, depth - 1);
  }
  return [...names];
}

export type TemplateProblem = { field: 'subject' | 'body'; key: 'required' | 'tooLong' | 'unknownPlaceholder' | 'missingPlaceholder' | 'unbalanced' | 'plainOnly' | 'amountWritten'; params?: Record<string, string | number> };

/** The invitations: read on a lock screen or by whoever opens the post first, they never state an amount. */
const withoutAmounts: readonly CustomizableTemplate[] = ['invitationSms', 'invitationLetter'];

/** An amount of money written out: ¥5,000, ￥5000, $50, 5000 元, 5,000.00元, 3万元, 5000 yuan, RMB 5000, 5000 CNY. */
const writtenAmount = /[¥￥$＄]\s*[\d０-９]|(RMB|CNY)\s*[\d０-９]|[\d０-９][\d０-９,，.．]*\s*(万|千|百)?\s*(元|块|圆|yuan|RMB|CNY)/i;

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '{') depth++;
    else if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** What is wrong with a creditor's wording of a template, given the placeholders its default uses. */
export function checkTemplateText(template: CustomizableTemplate, text: { subject: string; body: string }, allowed: readonly string[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const field of ['subject', 'body'] as const) {
    const value = text[field];
    if (!value.trim()) {
      problems.push({ field, key: 'required' });
      continue;
    }
    if (value.length > maxTemplateLength[field]) {
      problems.push({ field, key: 'tooLong', params: { max: maxTemplateLength[field] } });
      continue;
    }
    if (!balanced(value)) {
      problems.push({ field, key: 'unbalanced' });
      continue;
    }
    const used = placeholdersOf(value);
    const unknown = used.filter((name) => !allowed.includes(name));
    if (unknown.length) problems.push({ field, key: 'unknownPlaceholder', params: { names: unknown.map((n) => `{${n}}`).join(' '), allowed: allowed.map((n) => `{${n}}`).join(' ') } });
    // Plain placeholders only, in every template: a creditor's wording is filled by fillPlaceholders (and the
    // invitations in SQL), never parsed as an ICU message (the app's message runtime has no parser: precompiled).
    else if (/\{[^}]*[,']/.test(value)) problems.push({ field, key: 'plainOnly' });
    if (withoutAmounts.includes(template) && writtenAmount.test(value)) problems.push({ field, key: 'amountWritten' });
  }
  const missing = (requiredPlaceholders[template] ?? []).filter((name) => !placeholdersOf(text.body).includes(name));
  if (missing.length) problems.push({ field: 'body', key: 'missingPlaceholder', params: { names: missing.map((n) => `{${n}}`).join(' ') } });
  return problems;
}

/** A creditor's wording with its placeholders filled: "{caseNo}" becomes the value; a placeholder with no value stays as written. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
