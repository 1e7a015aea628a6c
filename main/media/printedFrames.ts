// The one reader of the compositor's print pipe (fd 4): the lines ffmpeg's metadata filters print there,
// gathered into one block per printed frame and handed to the reader that owns the block's tag key (`vj_meter`:
// a source's audio meter, audioLevels.ts; `vj_frame`: a program frame's time, frameTimes.ts).
//
// Why one reader: both kinds of line come down the same pipe, interleaved, about 40 a second; each block is
// split from the text and parsed once, whoever it belongs to.
import type { Readable } from 'node:stream';

/** One printed frame: "frame:N pts:P pts_time:T", then its key=value lines. */
export interface PrintedFrame {
  /** The frame's pts in its filter's time base (µs for the program frames, `settb=AVTB`); null if unreadable. */
  pts: number | null;
  values: Record<string, string>;
}

/** Given a block carrying its tag, says whether the block is complete (and so done with). */
export type PrintedFrameReader = (frame: PrintedFrame) => boolean;

const emptyFrame = (pts: number | null = null): PrintedFrame => ({ pts, values: {} });

/** Splits the print pipe's text into frames and hands each to the reader of its tag key. */
export class PrintedFrames {
  private partial = '';
  private frame = emptyFrame();
  /** The reader of the current block, once its tag line has come. */
  private owner: PrintedFrameReader | null = null;
  private readonly readers = new Map<string, PrintedFrameReader>();

  /** The one reader of `pipe`: every 'data' chunk of it goes through here. */
  static read(pipe: Readable): PrintedFrames {
    const printed = new PrintedFrames();
    pipe.setEncoding('utf8');
    pipe.on('data', (text: string) => printed.push(text));
    // A compositor killed mid-line closes its pipe with an error; its frames end there.
    pipe.on('error', () => {});
    return printed;
  }

  /** Hands every block tagged `key` to `reader`; returns the call that stops it. One reader a key. */
  on(key: string, reader: PrintedFrameReader): () => void {
    this.readers.set(key, reader);
    return () => {
      if (this.readers.get(key) === reader) this.readers.delete(key);
    };
  }

  push(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.trim();
      if (line.startsWith('frame:')) {
        const m = /\bpts:(-?\d+)/.exec(line);
        this.frame = emptyFrame(m ? Number(m[1]) : null);
        this.owner = null;
        continue;
      }
      const eq = line.indexOf('=');
      if (eq < 0) continue;
      const key = line.slice(0, eq);
      this.frame.values[key] = line.slice(eq + 1);
      const owner = this.owner ?? this.readers.get(key) ?? null;
      if (!owner) continue;
      this.owner = owner;
      if (owner(this.frame)) {
        this.frame = emptyFrame();
        this.owner = null;
      }
    }
  }
}
