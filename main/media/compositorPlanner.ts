// What the compositor is asked to draw: a plan built from a scene and the look of the program (size,
// beauty, safety mask), with what the studio knows of the scene's sources (the co-host guests' URLs,
// whether media files have sound, the VJ's device settings) and a command port when this ffmpeg has zmq.
import type { Beauty, Preset, SafetyMask } from '../contract/media';
import type { Scene } from '../contract/scene';
import { previewShape } from './compositorPreview';
import { drawtextReloadsByInterval, freePort, hasFilter } from './ffmpegFeatures';
import { GuestSources } from './guestSources';
import { hasAudioStream } from './sceneAudio';
import { buildCompositor, type CompositorPlan } from './sceneGraph';
import { SourceDevices } from './sourceDevices';

export interface ProgramLook {
  preset: Preset;
  beauty: Beauty;
  safetyMask: SafetyMask;
}

export interface CompositorPlannerOptions {
  ffmpegPath: string;
  /** Folder of the text files drawtext reloads. */
  workDir: string;
  fontFile?: string;
  platform: NodeJS.Platform;
  resolveGuestUrl?: (guestUserId: string) => string | null | Promise<string | null>;
  /** The program's overlay slots (programOverlays.ts), in every graph. */
  overlays?: () => string;
}

export class CompositorPlanner {
  readonly guests: GuestSources;
  readonly devices = new SourceDevices();
  /** Media files (by path) and whether they have sound: only those that do join the mix. */
  private readonly mediaAudio: Record<string, boolean> = {};
  private zmqAvailable: Promise<boolean> | null = null;
  private reloadByInterval: Promise<boolean> | null = null;

  constructor(private readonly o: CompositorPlannerOptions) {
    this.guests = new GuestSources(o.resolveGuestUrl);
  }

  /** The plan for `scene`, once its sources are known (guests' URLs, files' sound). */
  async planFor(scene: Scene, look: ProgramLook): Promise<CompositorPlan> {
    await this.resolveSources(scene);
    const zmqPort = await this.commandPort();
    this.reloadByInterval ??= drawtextReloadsByInterval(this.o.ffmpegPath);
    const p = look.preset;
    return buildCompositor({
      ...this.devices.planFields(scene),
      width: p.width,
      height: p.height,
      fps: p.fps,
      platform: this.o.platform,
      beauty: look.beauty,
      safetyMask: look.safetyMask,
      textDir: this.o.workDir,
      guestUrls: this.guests.forPlan(),
      fontFile: this.o.fontFile,
      zmqPort,
      mediaAudio: this.mediaAudio,
      preview: previewShape(p),
      overlays: this.o.overlays?.(),
      reloadByInterval: await this.reloadByInterval,
    });
  }

  /** What a plan needs to know about the scene's sources before it is built: guests' URLs, files' sound. */
  private async resolveSources(scene: Scene): Promise<void> {
    // Media files with sound join the mix; a file without an audio stream must not name one.
    for (const item of scene.items)
      if (item.source.kind === 'mediaFile' && !(item.source.path in this.mediaAudio))
        this.mediaAudio[item.source.path] = await hasAudioStream(this.o.ffmpegPath, item.source.path);
    await this.guests.resolve(scene);
  }

  /** A port for the compositor's zmq filter, when this ffmpeg has it (else commands go through stdin). */
  private async commandPort(): Promise<number | undefined> {
    this.zmqAvailable ??= hasFilter(this.o.ffmpegPath, 'zmq');
    return (await this.zmqAvailable) ? freePort() : undefined;
  }
}
