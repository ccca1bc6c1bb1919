import 'server-only';
import crypto from 'node:crypto';
import { inviteCodeFrom } from '@/lib/domain/invite-code';

// Random bytes for invitation codes, drawn from the CSPRNG 64 KiB at a time: one call per 4,096 codes instead of
// one per code (crypto.randomBytes(16) for every row was a tenth of the import validation's own CPU time).
const blockBytes = 16;
let pool = Buffer.alloc(0);
let used = 0;

function randomBlock(): Buffer {
  if (used + blockBytes > pool.length) {
    pool = crypto.randomBytes(blockBytes * 4096);
    used = 0;
  }
  used += blockBytes;
  return pool.subarray(used - blockBytes, used);
}

/** A fresh invitation code (lib/domain/invite-code), from bytes no other code used. */
export function newInviteCode(): string {
  for (;;) {
    const code = inviteCodeFrom(randomBlock());
    if (code) return code;
  }
}
