import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en/staffCaseFile.json';
import zh from '@/messages/zh-CN/staffCaseFile.json';
import enPlan from '@/messages/en/staffPlan.json';
import zhPlan from '@/messages/zh-CN/staffPlan.json';
import enNotifications from '@/messages/en/notifications.json';
import zhNotifications from '@/messages/zh-CN/notifications.json';

/** Every source file under a folder, tests left out. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}
const serverText = sources(path.resolve('lib/server')).map((file) => fs.readFileSync(file, 'utf8'));
const found = (pattern: RegExp) => [...new Set(serverText.flatMap((text) => [...text.matchAll(pattern)].map((m) => m[1]!)))].sort();
const lookup = (messages: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);

/**
 * The case file's timeline names each audit event and each automatic message by a label, never by its key: every
 * action a service records about a case, an agreement, a plan or an offer, and every template, has one in both languages.
 */
describe('the case timeline’s labels', () => {
  it('name every audit action of the case’s own domains', () => {
    const actions = found(/action: '((?:case|hardship|evidence|promise|callback|borrower|plan|agreement|offer|file)\.[a-z_]+)'/g).filter(
      // Shown as their own entries (contacts, notes, messages), not as events.
      (a) => !['case.message_posted'].includes(a),
    );
    expect(actions.length).toBeGreaterThan(40);
    for (const action of actions) {
      expect([action, typeof lookup(zh.event, action)]).toEqual([action, 'string']);
      expect([action, typeof lookup(en.event, action)]).toEqual([action, 'string']);
    }
  });

  it('name every template a borrower is sent', () => {
    // Those a service names in its source, and every one with a text of its own (the reminders choose theirs in an
    // expression, the importer writes the invitations in SQL: their records showed "installmentReminder").
    const named = found(/template: '([a-zA-Z]+)'/g).filter((name) => name !== 'staffInvitation' && name !== 'staffPasswordReset');
    const templates = [...new Set([...named, ...Object.keys(enNotifications), ...Object.keys(zhNotifications)])];
    expect(templates.length).toBeGreaterThan(25);
    for (const name of ['installmentReminder', 'installmentDue', 'invitationLetter', 'hardshipSubmitted']) expect(templates).toContain(name);
    for (const name of templates) {
      expect([name, typeof lookup(zhPlan.template, name)]).toEqual([name, 'string']);
      expect([name, typeof lookup(enPlan.template, name)]).toEqual([name, 'string']);
    }
  });
});
