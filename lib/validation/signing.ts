import { z } from 'zod';
import { codeField } from './auth';

/** The borrower's signing form: consent, the step-up code, the typed name, optionally a drawn signature. */
export const borrowerSignSchema = z.object({
  consent: z.literal(true, { message: 'validation.consentRequired' }),
  code: codeField,
  typedName: z.string().trim().min(1, 'validation.required').max(60, 'validation.tooLong'),
  drawn: z
    .object({
      /** PNG data URL from the signature pad. */
      png: z.string().startsWith('data:image/png;base64,').max(400_000, 'validation.tooLong'),
      /** How many points the strokes have: a near-empty drawing is refused. */
      points: z.number().int().min(0),
      width: z.number().min(0),
      height: z.number().min(0),
    })
    .optional(),
});
export type BorrowerSignInput = z.input<typeof borrowerSignSchema>;

export const countersignSchema = z.object({ password: z.string().min(1, 'validation.required').max(200, 'validation.tooLong') });

/** Names compared as people write them: full-width forms, spaces and the middle dot (·) do not matter. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/[\s·•・.]/g, '').toLowerCase();
  return norm(a) === norm(b) && norm(a).length > 0;
}

/** A drawing must have some substance: enough points over a big enough area. */
export function drawingIsSubstantial(drawn: { points: number; width: number; height: number }): boolean {
  return drawn.points >= 12 && Math.max(drawn.width, drawn.height) >= 40;
}

/**
 * The same, read from the image's own pixels (lib/pdf/png.ts inkOf): the page's counts are the page's word, and a
 * request can claim any. A stroke two pixels wide across 40 pixels already has 80 pixels of ink.
 */
export function inkIsSubstantial(ink: { inkPixels: number; boxWidth: number; boxHeight: number }): boolean {
  return ink.inkPixels >= 40 && Math.max(ink.boxWidth, ink.boxHeight) >= 40;
}
