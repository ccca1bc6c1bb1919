import 'server-only';
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { storedFiles } from '@/db/schema';

/** Bytes read from the database per query: a file passes through the process this much at a time. */
export const STORED_FILE_CHUNK = 256 * 1024;

/**
 * A stored file's bytes as a stream, read from the database a chunk at a time (substring of the bytea, so only
 * that slice leaves PostgreSQL) and hashed as they pass: at the end the SHA-256 and the size must be the ones
 * recorded when the file was stored, or the stream fails (and whatever it feeds, an evidence bundle, with it).
 * The next chunk is read only when the consumer asks for more, so memory does not grow with the file's size.
 */
export function storedFileStream(db: Executor, file: { id: string; size: number; sha256: string }, chunkBytes = STORED_FILE_CHUNK): Readable {
  const hash = crypto.createHash('sha256');
  let offset = 0;
  return new Readable({
    highWaterMark: chunkBytes,
    read() {
      db.select({ length: sql<number>`octet_length(${storedFiles.bytes})`.mapWith(Number), chunk: sql<Buffer>`substring(${storedFiles.bytes} from ${offset + 1} for ${chunkBytes})` })
        .from(storedFiles)
        .where(eq(storedFiles.id, file.id))
        .then(([row]) => {
          if (!row) throw new Error(`stored file ${file.id} is gone`);
          if (row.length !== file.size) throw new Error(`stored file ${file.id} is ${row.length} bytes, recorded as ${file.size}`);
          if (row.chunk.length) {
            hash.update(row.chunk);
            offset += row.chunk.length;
          }
          if (offset < file.size) {
            this.push(row.chunk);
            return;
          }
          if (hash.digest('hex') !== file.sha256) throw new Error(`stored file ${file.id} no longer matches its recorded SHA-256`);
          if (row.chunk.length) this.push(row.chunk);
          this.push(null);
        })
        .catch((error: unknown) => this.destroy(error as Error));
    },
  });
}
