/**
 * Reading inputs into a LineSplitter: a byte range of a plain file (so `--jobs` can
 * split one big file between workers), a gzip file, or a stream (stdin, gzip or not).
 *
 * Byte ranges: a line belongs to the range holding its first byte. A range that does not
 * start at 0 skips up to and including the first `\n` at or after `start - 1`; every range
 * reads past `end` to finish the line that began inside it. So ranges cover each line once.
 */
import { open } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { LogpactError } from "../errors.js";
import type { LineSplitter } from "./splitter.js";

/** Read size: large enough that per-chunk overhead vanishes, small enough to stay cache- and memory-friendly. */
export const CHUNK_BYTES = 1 << 20;

/** A unit of work: one byte range of a plain file, or a whole gzip file. */
export interface FileTask {
  /** Absolute path. */
  readonly path: string;
  /** Name shown in findings (as the user gave it). */
  readonly display: string;
  readonly gzip: boolean;
  /**
   * Not seekable (a FIFO, `<(cmd)`, `/dev/stdin` on a pipe, a device): read once as a stream,
   * never by position (that failed with ESPIPE); gzip is told from its first bytes.
   */
  readonly stream?: boolean;
  readonly start: number;
  /** Exclusive; `Infinity` for "to the end". */
  readonly end: number;
}

/** An input could not be read (missing file, permission, corrupt gzip): exit 2. */
export class InputError extends LogpactError {}

export function isGzipMagic(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

function describeIoError(display: string, e: unknown): InputError {
  const err = e as NodeJS.ErrnoException;
  const what =
    err.code === "ENOENT"
      ? "no such file"
      : err.code === "EACCES"
        ? "permission denied"
        : err.code === "EISDIR"
          ? "is a directory"
          : err.code === "Z_BUF_ERROR" || err.code === "Z_DATA_ERROR"
            ? `gzip data is corrupt or truncated (${err.message})`
            : err.message;
  return new InputError(`${display}: ${what}`);
}

/** Feeds the lines of `task` to `splitter` (and ends it). */
export async function readTask(task: FileTask, splitter: LineSplitter): Promise<void> {
  try {
    if (task.stream) await readStream(createReadStream(task.path, { highWaterMark: CHUNK_BYTES }), splitter);
    else if (task.gzip) await readStream(createReadStream(task.path), splitter, true);
    else await readRange(task, splitter);
  } catch (e) {
    // LogpactErrors (an unreadable input already described, an uncompilable schema) pass through.
    throw e instanceof LogpactError ? e : describeIoError(task.display, e);
  }
}

/**
 * Chunk buffers a finished read handed back, for the next one on this thread (module state
 * is per thread). A `--jobs` run reads a big file as many ranges; a fresh pair of 1 MiB
 * buffers per range is ~2 MiB of external memory per 4 MiB range, which made V8 run a
 * full mark-compact every few ranges ("external memory pressure") on each thread. At most
 * two are kept (2 MiB per thread that ever read a file), whatever the number of runs.
 */
const spareBuffers: Buffer[] = [];
const MAX_SPARE_BUFFERS = 2;

function takeBuffer(): Buffer {
  return spareBuffers.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
}

function giveBack(bufs: readonly Buffer[]): void {
  for (const b of bufs) if (spareBuffers.length < MAX_SPARE_BUFFERS) spareBuffers.push(b);
}

async function readRange(task: FileTask, splitter: LineSplitter): Promise<void> {
  const fh = await open(task.path, "r");
  let pending: Promise<{ bytesRead: number }> | undefined;
  // Taken here, given back only once no read into them can be in flight (the finally below).
  const bufs = [takeBuffer(), takeBuffer()];
  try {
    const buf = bufs[0]!;
    let pos = task.start;
    if (task.start > 0) {
      // Skip the tail of the line the previous range owns.
      pos = task.start - 1;
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, CHUNK_BYTES, pos);
        if (bytesRead === 0) return splitter.end();
        const nl = buf.subarray(0, bytesRead).indexOf(0x0a);
        if (nl !== -1) {
          pos += nl + 1;
          break;
        }
        pos += bytesRead;
      }
      if (pos >= task.end) return splitter.end();
    }
    // Two buffers: the next chunk is read (on libuv's thread pool) while this one is
    // checked, so the thread never waits for the disk or the page cache (~10% of a run).
    let k = 0;
    pending = fh.read(bufs[0]!, 0, CHUNK_BYTES, pos);
    for (;;) {
      const { bytesRead } = await pending;
      pending = undefined;
      if (bytesRead === 0) break;
      const chunk = bufs[k]!.subarray(0, bytesRead);
      if (pos + bytesRead >= task.end) {
        // Past the range end: finish the line holding byte end-1, then stop.
        const nl = chunk.indexOf(0x0a, Math.max(0, task.end - 1 - pos));
        if (nl !== -1) {
          splitter.push(chunk.subarray(0, nl + 1));
          break;
        }
      }
      pos += bytesRead;
      k ^= 1;
      pending = fh.read(bufs[k]!, 0, CHUNK_BYTES, pos);
      splitter.push(chunk);
    }
    splitter.end();
  } finally {
    // A read still in flight (an error while checking) must finish before the file closes.
    await pending?.catch(() => undefined);
    giveBack(bufs);
    await fh.close();
  }
}

/**
 * Feeds a byte stream to `splitter`. With `gzip` undefined the first bytes decide
 * (stdin may be a `.gz` piped in); gzip data is inflated with zlib as it streams.
 */
export async function readStream(
  source: Readable | NodeJS.ReadableStream,
  splitter: LineSplitter,
  gzip?: boolean,
): Promise<void> {
  const it = (source as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return splitter.end();
  const head = typeof first.value === "string" ? Buffer.from(first.value) : first.value;
  if (!(gzip ?? isGzipMagic(head))) {
    splitter.push(head);
    for (let r = await it.next(); !r.done; r = await it.next())
      splitter.push(typeof r.value === "string" ? Buffer.from(r.value) : r.value);
    return splitter.end();
  }
  async function* raw(): AsyncGenerator<Buffer> {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next())
      yield typeof r.value === "string" ? Buffer.from(r.value) : r.value;
  }
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  const feed = Readable.from(raw());
  feed.on("error", (e) => gunzip.destroy(e));
  feed.pipe(gunzip);
  for await (const chunk of gunzip as AsyncIterable<Buffer>) splitter.push(chunk);
  splitter.end();
}
