/**
 * A contact rule's name for staff (messages: staffCaseFile.rule), from the code the rules give (lib/domain/contact-rules.ts:
 * 'contact.hours'), wherever a contact, a message or a notice was held back: never the code itself, which is for the
 * audit trail. A code with no name (one added to the rules and not yet to the messages) is shown as it is rather than lost.
 */
export type RuleTranslator = { (key: string): string; has(key: string): boolean };

export function contactRuleName(t: RuleTranslator, code: string): string {
  const key = `rule.${code.replace(/^contact\./, '')}`;
  return t.has(key) ? t(key) : code;
}
