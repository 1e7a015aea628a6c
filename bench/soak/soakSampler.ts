// The soak's once-a-minute sample of a running studio: its memory, heap after GC, open files, each ffmpeg it
// runs, its SQLite files, and what its own events say (dropped and repeated frames, push reconnects, chat,
// preview frames, viewers, gifts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Studio } from '../../main/app';
import type { EventPayload } from '../../main/contract';
import {
  childProcesses,
  fdKinds,
  fileMb,
  heapAfterGcMb,
  openFds,
  residentSplitMb,
  rssMb,
  type ChildProcessFigure,
} from './processFigures';

export interface SoakSample {
  minute: number;
  studioRssMb: number;
  heapMb: number;
  /** What V8 has committed for the heap (used or not): the heap's share of RSS. */
  heapTotalMb: number;
  /** The studio's RSS split: anonymous memory (heaps, malloc) and file-backed pages (code, mapped files). */
  anonMb: number;
  fileBackedMb: number;
  /** Memory outside the JS heap that Node knows of: Buffers and ArrayBuffers (wasm memory included). */
  externalMb: number;
  arrayBuffersMb: number;
  fds: number;
  fdKinds: Record<string, number>;
  ffmpeg: ChildProcessFigure[];
  studioDbMb: number;
  studioWalMb: number;
  platformDbMb: number;
  platformWalMb: number;
  droppedFrames: number;
  duplicatedFrames: number;
  reconnects: number;
  pushState: string;
  chatLines: number;
  previewFrames: number;
  viewers: number;
  gifts: number;
}

export class SoakSampler {
  readonly samples: SoakSample[] = [];
  reconnects = 0;
  private stats: EventPayload<'media.stats'> | null = null;
  private pushState = 'off';
  private chatLines = 0;
  private previewFrames = 0;
  private live: EventPayload<'session.stats'> | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    studio: Studio,
    private readonly dataDir: string,
  ) {
    this.unsubscribe = studio.bus.subscribe((name, payload) => {
      if (name === 'media.stats') this.stats = payload;
      else if (name === 'media.preview') this.previewFrames++;
      else if (name === 'chat.batch') this.chatLines += payload.items.length;
      else if (name === 'session.stats') this.live = payload;
      else if (name === 'media.state') {
        const push = payload.push.state;
        // A push that was live and now redials is one reconnect, however many attempts it takes.
        if (push === 'reconnecting' && this.pushState === 'live') this.reconnects++;
        this.pushState = push;
      }
    });
  }

  sample(minute: number): SoakSample {
    const platform = join(this.dataDir, 'platform', 'platform.sqlite');
    const studioDb = join(this.dataDir, 'studio.db');
    const heapMb = heapAfterGcMb();
    const memory = process.memoryUsage();
    const split = residentSplitMb();
    const s: SoakSample = {
      minute,
      heapMb,
      heapTotalMb: memory.heapTotal / 2 ** 20,
      studioRssMb: rssMb(process.pid) ?? 0,
      anonMb: split?.anonMb ?? 0,
      fileBackedMb: split?.fileMb ?? 0,
      externalMb: memory.external / 2 ** 20,
      arrayBuffersMb: memory.arrayBuffers / 2 ** 20,
      fds: openFds(),
      fdKinds: fdKinds(),
      ffmpeg: childProcesses(process.pid),
      studioDbMb: fileMb(studioDb),
      studioWalMb: fileMb(`${studioDb}-wal`),
      platformDbMb: fileMb(platform),
      platformWalMb: fileMb(`${platform}-wal`),
      droppedFrames: this.stats?.droppedFrames ?? 0,
      duplicatedFrames: this.stats?.duplicatedFrames ?? 0,
      reconnects: this.reconnects,
      pushState: this.pushState,
      chatLines: this.chatLines,
      previewFrames: this.previewFrames,
      viewers: this.live?.viewers ?? 0,
      gifts: this.live?.gifts ?? 0,
    };
    this.samples.push(s);
    return s;
  }

  /** Recording files written so far (the open one included). */
  recordingFiles(): number {
    try {
      return readdirSync(join(this.dataDir, 'recordings')).filter((f) => f.endsWith('.mp4')).length;
    } catch {
      return 0;
    }
  }

  close(): void {
    this.unsubscribe();
  }

  static line(s: SoakSample): string {
    const ff = s.ffmpeg.map((f) => f.rssMb.toFixed(0)).join('/');
    return (
      `min ${s.minute.toFixed(1).padStart(5)}  rss ${s.studioRssMb.toFixed(1)} MB (anon ${s.anonMb.toFixed(1)}, files ${s.fileBackedMb.toFixed(1)})  heap ${s.heapMb.toFixed(1)}/${s.heapTotalMb.toFixed(1)} MB  external ${s.externalMb.toFixed(1)} MB  fds ${s.fds}` +
      `  ffmpeg ${s.ffmpeg.length} [${ff}] MB  db ${s.studioDbMb.toFixed(2)}+wal ${s.studioWalMb.toFixed(2)} MB` +
      `  platform db ${s.platformDbMb.toFixed(2)}+wal ${s.platformWalMb.toFixed(2)} MB  dropped ${s.droppedFrames}` +
      `  repeated ${s.duplicatedFrames}  reconnects ${s.reconnects} (${s.pushState})  chat ${s.chatLines}` +
      `  preview ${s.previewFrames}  viewers ${s.viewers}  gifts ${s.gifts}`
    );
  }
}
