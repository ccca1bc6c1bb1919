import 'server-only';
import crypto from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** PGCOPY\n\377\r\n\0, then 32-bit flags and a 32-bit header-extension length (both 0). */
const HEADER_BYTES = 19;

/**
 * The one bytea value of a binary COPY, unwrapped: the COPY framing (header, field count, field length, trailer)
 * is taken off and the value's bytes pass through as they arrive, hashed on the way. The last piece is held back
 * until the end, where the size and SHA-256 must be the ones recorded when the file was stored: bytes changed in
 * storage fail the stream before all of them have left.
 */
class CopiedValue extends Transform {
  private framing: Buffer = Buffer.alloc(0);
  private state: 'header' | 'fields' | 'length' | 'value' | 'trailer' = 'header';
  private remaining = 0;
  private seen = 0;
  private held: Buffer | null = null;
  private readonly hash = crypto.createHash('sha256');

  constructor(private readonly file: { id: string; size: number; sha256: string }) {
    super();
  }

  /** Takes `n` framing bytes from what is buffered (null until they have all arrived). */
  private takeFraming(chunk: Buffer, n: number): [Buffer | null, Buffer] {
    const all = this.framing.length ? Buffer.concat([this.framing, chunk]) : chunk;
    if (all.length < n) {
      this.framing = all;
      return [null, Buffer.alloc(0)];
    }
    this.framing = Buffer.alloc(0);
    return [all.subarray(0, n), all.subarray(n)];
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    let rest = chunk;
    while (rest.length || this.framing.length) {
      if (this.state === 'value') {
        const piece = rest.subarray(0, this.remaining);
        rest = rest.subarray(piece.length);
        this.remaining -= piece.length;
        this.seen += piece.length;
        this.hash.update(piece);
        if (this.held) this.push(this.held);
        this.held = piece;
        if (this.remaining === 0) this.state = 'trailer';
        if (!rest.length) break;
        continue;
      }
      const need = this.state === 'header' ? HEADER_BYTES : this.state === 'length' ? 4 : 2;
      const [bytes, after] = this.takeFraming(rest, need);
      rest = after;
      if (!bytes) break;
      if (this.state === 'header') this.state = 'fields';
      else if (this.state === 'fields') {
        const fields = bytes.readInt16BE(0);
        if (fields === -1) return done(new Error(`stored file ${this.file.id} is gone`));
        if (fields !== 1) return done(new Error(`unexpected COPY row of ${fields} fields`));
        this.state = 'length';
      } else if (this.state === 'length') {
        const length = bytes.readInt32BE(0);
        if (length < 0) return done(new Error(`stored file ${this.file.id} has no bytes`));
        if (length !== this.file.size) return done(new Error(`stored file ${this.file.id} is ${length} bytes, recorded as ${this.file.size}`));
        this.remaining = length;
        this.state = length ? 'value' : 'trailer';
      } else {
        if (bytes.readInt16BE(0) !== -1) return done(new Error(`stored file ${this.file.id}: more than one row`));
        this.state = 'trailer';
      }
    }
    done();
  }

  override _flush(done: TransformCallback) {
    if (this.state !== 'trailer' || this.seen !== this.file.size) return done(new Error(`stored file ${this.file.id} is gone or cut short`));
    if (this.hash.digest('hex') !== this.file.sha256) return done(new Error(`stored file ${this.file.id} no longer matches its recorded SHA-256`));
    if (this.held) this.push(this.held);
    done();
  }
}

/**
 * A stored file's bytes as a stream straight from PostgreSQL (a binary COPY of its one value, on a connection of
 * its own that is released at the end): nothing is held but the piece in flight, so memory does not grow with the
 * file's size, and the bytes are never turned into hex text on the way. Checked against the SHA-256 recorded when
 * the file was stored (see CopiedValue).
 */
export function storedFileStream(pool: pg.Pool, file: { id: string; size: number; sha256: string }): Readable {
  const out = new CopiedValue(file);
  if (!UUID.test(file.id)) {
    process.nextTick(() => out.destroy(new Error(`not a stored file id: ${file.id}`)));
    return out;
  }
  pool.connect().then(
    (client) => {
      let released = false;
      const release = (error?: Error) => {
        if (released) return;
        released = true;
        client.release(error);
      };
      // COPY takes no parameters: the id is a UUID checked above.
      const copy = client.query(copyTo(`COPY (SELECT bytes FROM stored_files WHERE id = '${file.id}' AND deleted_at IS NULL) TO STDOUT (FORMAT binary)`));
      copy.on('error', (error: Error) => {
        release(error);
        out.destroy(error);
      });
      copy.on('end', () => release());
      out.on('close', () => {
        // The consumer stopped early (a download cancelled): the connection cannot be reused mid-COPY.
        if (!released) {
          copy.destroy();
          release(new Error('stored file stream closed early'));
        }
      });
      copy.pipe(out);
    },
    (error: unknown) => out.destroy(error as Error),
  );
  return out;
}
