import 'server-only';
import { inviteCodeFrom } from '@/lib/domain/invite-code';
import { pooledRandomBytes } from '../crypto';

/** A fresh invitation code (lib/domain/invite-code), from random bytes no other code used (drawn in blocks: ../crypto.ts). */
export function newInviteCode(): string {
  for (;;) {
    const code = inviteCodeFrom(pooledRandomBytes(16));
    if (code) return code;
  }
}
