import { maskResidentId, normalizeResidentId, residentIdCheckChar } from '@/lib/domain/identity';
import { encryptField, lookupHash } from '@/lib/server/crypto';
import type { Rng } from './random';
import { communities, givenNames, regionWeights, streets, surnames, type Gender } from './names';

/**
 * The three-digit sequence of a resident ID from a slot number (0–498): odd for
 * men, even for women, never 000. Callers keep slots unique per (region, birth).
 */
export function sequenceFor(slot: number, gender: Gender): number {
  if (!Number.isInteger(slot) || slot < 0 || slot > 498) throw new RangeError('slot must be 0–498');
  return slot * 2 + (gender === 'male' ? 1 : 2);
}

/** A resident ID in the real layout: region, birth date, sequence and the MOD 11-2 check character. */
export function makeResidentId(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export function randomName(rng: Rng, gender: Gender): string {
  return rng.weighted(surnames) + rng.pick(givenNames(gender));
}

export function randomRegion(rng: Rng) {
  return rng.weighted(regionWeights);
}

export function randomAddress(rng: Rng, prefix: string): string {
  if (rng.chance(0.4)) return `${prefix}${rng.pick(streets)}${rng.int(1, 388)}号`;
  return `${prefix}${rng.pick(communities)}${rng.int(1, 32)}幢${rng.int(1, 4)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室`;
}

/** The three stored forms of a resident ID: ciphertext, lookup hash and mask — never the plain number. */
export function residentIdColumns(residentId: string) {
  const normalized = normalizeResidentId(residentId);
  return {
    residentIdEnc: encryptField(normalized),
    residentIdHash: lookupHash(normalized),
    residentIdMasked: maskResidentId(normalized),
  };
}
