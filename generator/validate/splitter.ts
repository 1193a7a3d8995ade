/**
 * Chunked NDJSON line splitting on Buffers: split on `\n` bytes, decode each run of
 * complete lines with one `toString` (one native call per chunk instead of one per line),
 * strip a UTF-8 BOM at the start, flag invalid UTF-8, keep a line cut by a chunk boundary
 * until its newline arrives, and skip (never buffer) lines longer than the cap, so memory
 * stays bounded whatever the input. `readline` is about 2× slower on the same input.
 */
import { isUtf8 } from "node:buffer";

const NL = 0x0a;

/** Set on a line whose bytes are not valid UTF-8 (it was decoded with U+FFFD replacements). */
export const LINE_BAD_UTF8 = 1;
/** Set on the last line of the input when it has no final newline (a truncated write, or just a missing `\n`). */
export const LINE_NO_NEWLINE = 2;

export interface LineHandler {
  /**
   * Optional: the line starting at b[start] (ending at the first `\n`, or at `limit`),
   * offered as bytes before it is decoded. Returns the line's end (that `\n`'s index, or
   * `limit`) when it handled the line, and then `line` is not called for it; -1 to leave
   * it (a line over the cap must be left, so it is reported as too long).
   */
  bytes?(b: Uint8Array, start: number, limit: number, lineNo: number): number;
  /** One line, without its `\n` (a `\r` before it is kept: JSON.parse treats it as whitespace). */
  line(text: string, lineNo: number, flags: number): void;
  /** A line longer than the cap, skipped unread; `bytes` is its length without the newline. */
  tooLong(lineNo: number, bytes: number, flags: number): void;
}

export class LineSplitter {
  /** Lines emitted so far (the number of the last one). */
  lineNo = 0;
  /** Bytes consumed so far (after BOM stripping). */
  bytes = 0;
  private carry: Buffer[] = [];
  private carryBytes = 0;
  /** Inside a line already known to be too long: count its bytes, keep none of them. */
  private discarding = false;
  private atStart: boolean;

  /**
   * @param maxLineBytes longest line that is decoded and handed on; longer lines are reported via `tooLong`
   * @param stripBom strip a UTF-8 BOM at the very start (true for the start of a file or stream)
   */
  constructor(
    private readonly handler: LineHandler,
    private readonly maxLineBytes: number,
    stripBom = true,
  ) {
    this.atStart = stripBom;
  }

  /** Feeds the next chunk. The chunk may be reused by the caller afterwards (nothing keeps a reference). */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.atStart) {
      // A BOM split across chunks is vanishingly rare; wait for three bytes to decide.
      if (this.carryBytes + chunk.length < 3) {
        this.keep(chunk);
        return;
      }
      this.atStart = false;
      if (this.carryBytes > 0) {
        chunk = Buffer.concat([...this.carry, chunk]);
        this.carry = [];
        this.carryBytes = 0;
      }
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      if (chunk.length === 0) return;
    }
    this.bytes += chunk.length;
    let pos = 0;
    if (this.carryBytes > 0 || this.discarding) {
      const nl = chunk.indexOf(NL);
      if (nl === -1) {
        this.keep(chunk);
        return;
      }
      this.finishCarried(chunk.subarray(0, nl), 0);
      pos = nl + 1;
    }
    const lastNl = chunk.lastIndexOf(NL);
    if (lastNl >= pos) {
      this.region(chunk, pos, lastNl);
      pos = lastNl + 1;
    }
    if (pos < chunk.length) this.keep(chunk.subarray(pos));
  }

  /** Ends the input: a pending line without a final newline is emitted with LINE_NO_NEWLINE. */
  end(): void {
    if (this.atStart && this.carryBytes > 0) {
      // Fewer than three bytes in the whole input: no BOM possible.
      this.atStart = false;
      const bytes = Buffer.concat(this.carry);
      this.carry = [];
      this.carryBytes = 0;
      this.bytes += bytes.length;
      const lastNl = bytes.lastIndexOf(NL);
      if (lastNl >= 0) this.region(bytes, 0, lastNl);
      if (lastNl + 1 < bytes.length) this.finishCarried(bytes.subarray(lastNl + 1), LINE_NO_NEWLINE);
      return;
    }
    if (this.carryBytes > 0 || this.discarding) this.finishCarried(Buffer.alloc(0), LINE_NO_NEWLINE);
  }

  /** Complete lines in chunk[start, end) (end is the index of the last `\n`). */
  private region(chunk: Buffer, start: number, end: number): void {
    if (this.handler.bytes) return this.regionLineWise(chunk, start, end);
    const bytes = chunk.subarray(start, end);
    if (!isUtf8(bytes)) {
      this.regionByteWise(bytes);
      return;
    }
    const text = bytes.toString("utf8");
    const cap = this.maxLineBytes;
    let s = 0;
    for (;;) {
      const e = text.indexOf("\n", s);
      const stop = e === -1 ? text.length : e;
      const n = stop - s;
      ++this.lineNo;
      // UTF-16 length ≤ UTF-8 bytes ≤ 3 × UTF-16 length: only measure when it matters.
      if (n * 3 > cap && (n > cap || Buffer.byteLength(text.slice(s, stop)) > cap)) {
        this.handler.tooLong(this.lineNo, Buffer.byteLength(text.slice(s, stop)), 0);
      } else {
        this.handler.line(text.slice(s, stop), this.lineNo, 0);
      }
      if (e === -1) return;
      s = e + 1;
    }
  }

  /** With a `bytes` handler: offer each line's bytes first, decode only the lines it leaves. */
  private regionLineWise(chunk: Buffer, start: number, end: number): void {
    const handler = this.handler;
    const cap = this.maxLineBytes;
    const limit = end + 1;
    let s = start;
    for (;;) {
      const lineNo = ++this.lineNo;
      let e = handler.bytes!(chunk, s, limit, lineNo);
      if (e < 0) {
        e = chunk.indexOf(NL, s);
        // Always found (chunk[end] is a newline), unless the caller broke the contract and
        // changed the chunk meanwhile: then end here rather than loop.
        if (e < 0 || e > end) e = end;
        if (e - s > cap) handler.tooLong(lineNo, e - s, 0);
        else {
          const line = chunk.subarray(s, e);
          handler.line(line.toString("utf8"), lineNo, isUtf8(line) ? 0 : LINE_BAD_UTF8);
        }
      }
      if (e >= end) return;
      s = e + 1;
    }
  }

  /** The slow path for a run of lines with invalid UTF-8 somewhere: check line by line. */
  private regionByteWise(bytes: Buffer): void {
    let s = 0;
    for (;;) {
      const e = bytes.indexOf(NL, s);
      const stop = e === -1 ? bytes.length : e;
      this.emitBytes(bytes.subarray(s, stop), 0);
      if (e === -1) return;
      s = e + 1;
    }
  }

  private emitBytes(line: Buffer, flags: number): void {
    ++this.lineNo;
    if (line.length > this.maxLineBytes) {
      this.handler.tooLong(this.lineNo, line.length, flags);
      return;
    }
    if (this.handler.bytes !== undefined && this.handler.bytes(line, 0, line.length, this.lineNo) >= 0) return;
    this.handler.line(line.toString("utf8"), this.lineNo, isUtf8(line) ? flags : flags | LINE_BAD_UTF8);
  }

  /** The carried start of a line plus its `tail` (up to, not including, the newline). */
  private finishCarried(tail: Buffer, flags: number): void {
    if (this.discarding) {
      ++this.lineNo;
      this.handler.tooLong(this.lineNo, this.carryBytes + tail.length, flags);
      this.discarding = false;
    } else if (this.carryBytes + tail.length > this.maxLineBytes) {
      ++this.lineNo;
      this.handler.tooLong(this.lineNo, this.carryBytes + tail.length, flags);
    } else {
      this.emitBytes(this.carry.length === 0 ? tail : Buffer.concat([...this.carry, tail]), flags);
    }
    this.carry = [];
    this.carryBytes = 0;
  }

  /** Keeps a partial line (copied: callers may reuse their chunk buffers), or just counts it once over the cap. */
  private keep(part: Buffer): void {
    this.carryBytes += part.length;
    if (this.discarding) return;
    if (!this.atStart && this.carryBytes > this.maxLineBytes) {
      this.discarding = true;
      this.carry = [];
      return;
    }
    this.carry.push(Buffer.from(part));
  }
}
