import 'server-only';
import { sha256Hex } from '../crypto';

/** The advisory lock a job holds on a batch while it validates or applies it (52 bits of the id's hash: a safe integer). */
export function batchLockKey(batchId: string): number {
  return Number.parseInt(sha256Hex(`import:${batchId}`).slice(0, 13), 16);
}
