import { z } from 'zod';

/**
 * A creditor's settings for when mediation ends in court: its counsel, named on the lawyer's letter, and the courts
 * that hear applications for judicial confirmation by the region of the borrower's address (the first whose region
 * the address contains), falling back to the court the creditor agreed on for disputes.
 */
export const litigationSettingsSchema = z.object({
  counsel: z
    .object({
      firm: z.string().trim().min(1).max(100),
      lawyer: z.string().trim().min(1).max(50),
      phone: z.string().trim().min(1).max(30),
      address: z.string().trim().max(200).default(''),
    })
    .nullable()
    .default(null),
  confirmationCourts: z
    .array(z.object({ region: z.string().trim().min(1).max(50), court: z.string().trim().min(1).max(100) }))
    .max(50)
    .default([]),
});

export type LitigationSettings = z.infer<typeof litigationSettingsSchema>;

export function parseLitigationSettings(value: unknown): LitigationSettings {
  return litigationSettingsSchema.parse(value ?? {});
}

/** The court for a borrower: the first region their address names, else the creditor's agreed court. */
export function competentCourt(settings: Pick<LitigationSettings, 'confirmationCourts'>, agreedCourt: string, borrowerAddress: string | null): string {
  const address = (borrowerAddress ?? '').normalize('NFKC');
  return settings.confirmationCourts.find((c) => address.includes(c.region.normalize('NFKC')))?.court ?? agreedCourt;
}
