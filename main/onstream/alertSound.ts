// An alert's sound, decoded once to the program's raw audio (s16le stereo, 48 kHz) so the frame relay mixes
// it in on the next frame. Bounded: at most MAX_SOUND_SECONDS of a file, MAX_CACHED_SOUNDS files kept.
import { execFile } from 'node:child_process';
import { AUDIO_RATE } from '../media/sceneGraph';

export const MAX_SOUND_SECONDS = 10;
export const MAX_CACHED_SOUNDS = 8;

export class AlertSounds {
  private readonly cache = new Map<string, Promise<Buffer | null>>();

  constructor(
    private readonly ffmpegPath: string,
    private readonly log: (line: string) => void,
  ) {}

  /** The sound as PCM at `volume` percent, or null when the file cannot be read (said once in the log). */
  load(path: string, volume = 100): Promise<Buffer | null> {
    const key = `${volume}:${path}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (this.cache.size >= MAX_CACHED_SOUNDS) this.cache.delete(this.cache.keys().next().value as string);
    const p = new Promise<Buffer | null>((resolve) => {
      execFile(
        this.ffmpegPath,
        [
          ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-protocol_whitelist', 'file', '-i', path],
          ...[
            '-t',
            String(MAX_SOUND_SECONDS),
            '-vn',
            '-af',
            `volume=${volume / 100}`,
            '-f',
            's16le',
            '-ac',
            '2',
            '-ar',
            String(AUDIO_RATE),
            'pipe:1',
          ],
        ],
        { encoding: 'buffer', maxBuffer: AUDIO_RATE * 4 * (MAX_SOUND_SECONDS + 1) },
        (err, stdout) => {
          if (err) {
            this.log(`alert sound ${path}: ${err.message.split('\n')[0]}`);
            this.cache.delete(key);
            resolve(null);
          } else resolve(stdout);
        },
      );
    });
    this.cache.set(key, p);
    return p;
  }
}
