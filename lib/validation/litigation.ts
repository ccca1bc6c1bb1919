import { z } from 'zod';
import type { LitigationSettings } from '@/lib/domain/litigation-settings';

const line = (max: number) => z.string().trim().max(max, 'validation.tooLong');

/**
 * The admin's form for a creditor's litigation settings: its counsel (all four lines empty for none; firm, lawyer and
 * phone together otherwise) and the courts for judicial confirmation by region of the borrower's address (each row
 * both, no region twice; empty rows dropped).
 */
export const litigationSettingsFormSchema = z
  .object({
    firm: line(100),
    lawyer: line(50),
    phone: line(30).regex(/^(|[0-9+][0-9 -]{4,28}[0-9])$/, 'validation.litigation.phone'),
    address: line(200).optional().default(''),
    courts: z.array(z.object({ region: line(50), court: line(100) })).max(50, 'validation.litigation.tooManyCourts'),
  })
  .superRefine((v, ctx) => {
    const counsel = ['firm', 'lawyer', 'phone'] as const;
    if (!counsel.every((k) => v[k] === '') || v.address !== '') for (const k of counsel) if (v[k] === '') ctx.addIssue({ code: 'custom', path: [k], message: 'validation.required' });
    const seen = new Set<string>();
    v.courts.forEach((row, i) => {
      if (row.region === '' && row.court === '') return;
      if (row.region === '') ctx.addIssue({ code: 'custom', path: ['courts', i, 'region'], message: 'validation.required' });
      if (row.court === '') ctx.addIssue({ code: 'custom', path: ['courts', i, 'court'], message: 'validation.required' });
      const key = row.region.normalize('NFKC');
      if (row.region && seen.has(key)) ctx.addIssue({ code: 'custom', path: ['courts', i, 'region'], message: 'validation.litigation.regionTwice' });
      seen.add(key);
    });
  })
  .transform(
    (v): LitigationSettings => ({
      counsel: v.firm ? { firm: v.firm, lawyer: v.lawyer, phone: v.phone, address: v.address } : null,
      confirmationCourts: v.courts.filter((r) => r.region || r.court),
    }),
  );
export type LitigationSettingsForm = z.input<typeof litigationSettingsFormSchema>;
