import 'server-only';
import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane).
const options = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Verified against when the e-mail is unknown, so a wrong address costs the same time as a wrong password. */
export const dummyHash = '$argon2id$v=19$m=19456,t=2,p=1$CMUzVFGE+iAoKRrGAKnIxA$PgWiAbJoz2KIR71cwzzyN0RjonjKUK7WHxqO03yjKE0';
