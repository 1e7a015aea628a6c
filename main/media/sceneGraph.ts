// Builds the compositor's ffmpeg command from a Scene: items drawn in order on one canvas, beauty on
// cameras, the safety mask last; raw video to stdout and raw audio to fd 3 for the frame relay. Pure.
import { join } from 'node:path';
import type { Beauty, SafetyMask } from '../contract/media';
import type { Scene, SceneItem, Source } from '../contract/scene';
import { AudioMeters } from './audioLevels';
import { beautyChain } from './beautyFilter';
import { previewChain, previewOutputArgs, safetyOutputArgs, type PreviewOptions } from './compositorPreview';
import { escapeFilterValue, ffColor } from './filterEscape';
import { mixMinusOutputArgs, programAudioGraph, type MixedSound } from './mixMinus';
import { audioSourceChain } from './sceneAudio';
import { canvasClock, fileClock, FROM_START, liveInputClock, liveSoundClock } from './compositorClock';
import { frameTimeChain } from './frameTimes';
import { isWidget, widgetChain, widgetReloadFrames } from './widgetItems';
import {
  cameraInput,
  imageInput,
  mediaFileInput,
  microphoneInput,
  screenInput,
  streamInput,
  UnsupportedSourceError,
  windowInput,
} from './sourceInputs';
import { quietArgs, rawStereoArgs } from '../../common/ffmpeg/commandParts';

export const AUDIO_RATE = 48000;
/** The test pattern's tone: ffmpeg's sine (1/8 of full scale) at this volume. */
export const TEST_TONE_VOLUME = 0.2;

export interface CompositorOptions {
  scene: Scene;
  width: number;
  height: number;
  fps: number;
  platform: NodeJS.Platform;
  beauty: Beauty;
  safetyMask: SafetyMask;
  /** Folder of the text files drawtext reloads (text items, chat overlay, slate). */
  textDir: string;
  /** Pull URL per co-host guest whose stream is there; absent guests get a placeholder. */
  guestUrls: Record<string, string | null>;
  /** Items drawn as a placeholder (lost camera, missing file), with the words to show. */
  placeholders: Record<string, string>;
  microphone: string | null;
  /** The device a scene's microphone source captures when it names none (the first one found). */
  defaultMicrophone?: string | null;
  /** Default font (drawtext needs one where ffmpeg has no fontconfig). */
  fontFile?: string;
  /** Port of the zmq filter that takes runtime commands; without it commands go through stdin. */
  zmqPort?: number;
  /** Pace to the wall clock (live); benchmarks turn it off to measure how fast the graph can run. */
  realtime?: boolean;
  /** Media files (by path) known to have sound: only those get an audio input in the mix. */
  mediaAudio?: Record<string, boolean>;
  /** The small JPEG preview on fd 5 and the safety samples on fd 6 (compositorPreview.ts); none without it. */
  preview?: PreviewOptions;
  /** Overlay slots (alerts, widgets) drawn over the scene and under the safety mask (overlaySlots.ts). */
  overlays?: string;
  /** This ffmpeg's drawtext re-reads a file every N frames (5.1 and later): widgets' lines are read less often. */
  reloadByInterval?: boolean;
}

export interface ItemTargets {
  index: number;
  /** The overlay that places the item; null when the item is the base of the canvas. */
  overlay: string | null;
  opacity: string | null;
  beauty: boolean;
}

export interface CompositorPlan {
  args: string[];
  /** The arguments without the command port: two plans with the same key draw the same picture. */
  key: string;
  preview: PreviewOptions | null;
  zmqPort: number | null;
  filterGraph: string;
  targets: Record<string, ItemTargets>;
  textFiles: Record<string, string>;
  slateFile: string;
  /** Co-host guests in the picture, in order: guest j's mix-minus is written to pipe mixMinusFd(j). */
  guests: string[];
  notices: string[];
  /** The channel id (item or audio source) of each audio meter, in the order the meters print. */
  meters: string[];
  /** The compositor prints each program frame's time on the meter pipe (a live graph; frameTimes.ts). */
  frameTimes: boolean;
}

export const SAFETY_BLUR = 'boxblur@safety_blur';
export const SAFETY_SLATE = 'drawbox@safety_slate';
export const SAFETY_SLATE_TEXT = 'drawtext@safety_slate_text';

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

export function textFileFor(textDir: string, itemId: string): string {
  return join(textDir, `item-${safeName(itemId)}.txt`);
}

function isFullCanvas(item: SceneItem, w: number, h: number): boolean {
  return item.rect.x === 0 && item.rect.y === 0 && item.rect.width === w && item.rect.height === h;
}

function hasAlpha(item: SceneItem): boolean {
  return item.source.kind === 'text' || isWidget(item.source) || item.opacity < 1;
}

/** Whether the first item can be the canvas itself (saves a full-frame blend). Part of the scene's shape. */
export function baseItem(scene: Scene, w: number, h: number): SceneItem | null {
  const first = scene.items[0];
  if (!first || !first.visible || hasAlpha(first) || !isFullCanvas(first, w, h)) return null;
  return first;
}

function font(o: CompositorOptions, fontFile?: string): string {
  const file = fontFile ?? o.fontFile;
  return file ? `:fontfile=${escapeFilterValue(file)}` : '';
}

function placeholderSource(label: string, w: number, h: number, o: CompositorOptions): string {
  const size = Math.max(12, Math.round(h / 10));
  return `color=c=0x2b2b38:s=${w}x${h}:r=5,drawtext=text=${escapeFilterValue(label)}:fontsize=${size}:fontcolor=0xd0d0e0:x=(w-tw)/2:y=(h-th)/2${font(o)}`;
}

export function buildCompositor(o: CompositorOptions): CompositorPlan {
  const { width: W, height: H, fps } = o;
  const inputs: string[] = [];
  let inputCount = 0;
  const addInput = (args: string[]) => {
    inputs.push('-thread_queue_size', '64', ...args);
    return inputCount++;
  };
  const chains: string[] = [];
  const audio: MixedSound[] = [];
  const targets: Record<string, ItemTargets> = {};
  const textFiles: Record<string, string> = {};
  const guests: string[] = [];
  const notices: string[] = [];
  const base = baseItem(o.scene, W, H);
  const labels = new Map<string, string>();
  const meters = new AudioMeters();
  // Live: the canvas and every live input on the wall clock (compositorClock.ts); otherwise frame counts.
  const live = o.realtime !== false;
  const inputClock = live ? liveInputClock() : FROM_START;

  o.scene.items.forEach((item, i) => {
    // Widgets are drawn in place on the canvas (widgetItems.ts), no picture of their own.
    if (isWidget(item.source)) {
      targets[item.id] = { index: i, overlay: null, opacity: null, beauty: false };
      return;
    }
    const w = even(item.rect.width);
    const h = even(item.rect.height);
    const s = item.source;
    let src: string; // a filter chain producing the item's picture at w×h, without a label
    let generated = false; // already at w×h, starting at 0
    let atRate = false; // generated at the program's frame rate: no fps filter needed
    let beauty = false;
    let alpha = hasAlpha(item);
    const placeholder = o.placeholders[item.id];
    const crop = item.crop;
    const cropChain =
      crop.top || crop.right || crop.bottom || crop.left
        ? `crop=iw-${crop.left + crop.right}:ih-${crop.top + crop.bottom}:${crop.left}:${crop.top},`
        : '';
    const fromInput = (args: string[], clock = inputClock) =>
      `[${addInput(args)}:v]${clock},${cropChain}scale=${w}:${h},format=yuv420p`;
    try {
      if (placeholder) throw new UnsupportedSourceError(placeholder);
      switch (s.kind) {
        case 'testPattern':
          generated = true;
          atRate = true;
          src =
            s.pattern === 'color'
              ? `color=c=${ffColor(s.color ?? '#3050ff')}:s=${w}x${h}:r=${fps}`
              : `${s.pattern === 'bars' ? 'smptehdbars' : 'testsrc2'}=s=${w}x${h}:r=${fps}`;
          if (s.tone)
            audio.push({
              chain: `sine=f=440:r=${AUDIO_RATE},volume=${TEST_TONE_VOLUME}${meters.chain(item.id, item.audio)}`,
              guest: null,
            });
          break;
        case 'camera':
          beauty = s.beauty;
          if (s.deviceId === 'test') {
            generated = true;
            atRate = true;
            src = `testsrc2=s=${w}x${h}:r=${fps}`;
          } else src = fromInput(cameraInput(s.deviceId, fps));
          break;
        case 'screen':
          src = fromInput(screenInput(o.platform, s.display, fps, s.region));
          break;
        case 'window':
          src = fromInput(windowInput(o.platform, s.title, fps));
          break;
        case 'image':
          src = `[${addInput(imageInput(s.path))}:v]${cropChain}scale=${w}:${h},format=${alpha ? 'yuva420p' : 'yuv420p'}`;
          generated = true;
          break;
        case 'mediaFile':
          src = fromInput(mediaFileInput(s.path, s.loop), live ? fileClock(fps) : FROM_START);
          if (o.mediaAudio?.[s.path])
            audio.push({
              chain: `[${inputCount - 1}:a]asetpts=PTS-STARTPTS,aresample=${AUDIO_RATE}:async=1000${meters.chain(item.id, item.audio)}`,
              guest: null,
            });
          break;
        case 'cohost': {
          const url = o.guestUrls[s.guestUserId];
          if (!url) throw new UnsupportedSourceError('Waiting for guest');
          const k = addInput(streamInput(url));
          // No fps filter: it holds each frame until the next one comes; the overlay repeats the newest anyway.
          src = `[${k}:v]${inputClock},${cropChain}scale=${w}:${h},format=yuv420p`;
          // A muted guest stays on screen; their voice leaves the mix.
          if (!item.audio?.muted)
            audio.push({
              chain: `[${k}:a]${live ? liveSoundClock(AUDIO_RATE) : `asetpts=PTS-STARTPTS,aresample=${AUDIO_RATE}:async=1000`}${meters.chain(item.id, item.audio)}`,
              guest: s.guestUserId,
              live,
            });
          guests.push(s.guestUserId);
          break;
        }
        case 'text': {
          generated = true;
          alpha = true;
          const file = textFileFor(o.textDir, item.id);
          textFiles[item.id] = file;
          src =
            `color=c=${s.background ? ffColor(s.background) : '0x000000@0.0'}:s=${w}x${h}:r=10,format=yuva420p,` +
            `drawtext=textfile=${escapeFilterValue(file)}:reload=1:expansion=none:fontsize=${s.fontSize}:fontcolor=${ffColor(s.color)}:line_spacing=4:x=8:y=4` +
            font(o, s.fontFile);
          break;
        }
        default:
          throw new Error(`no picture for ${(s as Source).kind}`);
      }
    } catch (err) {
      if (!(err instanceof UnsupportedSourceError)) throw err;
      if (!placeholder) notices.push(`${item.name}: ${err.message}`);
      src = placeholderSource(err.message, w, h, o);
      generated = true;
      atRate = false;
      beauty = false;
    }
    if (generated && !src.startsWith('[')) src = `${src},format=${alpha ? 'yuva420p' : 'yuv420p'}`;
    // The canvas runs at the program's rate. The fps filter keeps a reference to the frame it passes on, so
    // the first filter that draws on the canvas copies the whole frame (3 MB at 1080p, ~0.013 CPU-s per s):
    // it goes right after the source (before beauty, whose planes are new frames), and is left out for a
    // source generated at that rate and for a guest's stream (made live by the canvas's clock, compositorClock.ts).
    if (item === base && !atRate && s.kind !== 'cohost') src = `${src},fps=${fps}`;
    let chain = `${src}[src${i}];`;
    let label = `src${i}`;
    if (beauty) {
      chain += `${beautyChain(label, `bty${i}`, w, h, o.beauty, i)};`;
      label = `bty${i}`;
    }
    let opacity: string | null = null;
    if (item.opacity < 1) {
      opacity = `lutyuv@op${i}`;
      chain += `[${label}]format=yuva420p,${opacity}=a=val*${item.opacity}[op${i}];`;
      label = `op${i}`;
    }
    chains.push(chain.replace(/;$/, ''));
    targets[item.id] = { index: i, overlay: item === base ? null : `overlay@ov${i}`, opacity, beauty };
    labels.set(item.id, label);
  });

  // Place the items: the base item is the canvas, otherwise a plain canvas of the output's size.
  const place: string[] = [];
  const canvas = base
    ? `[${labels.get(base.id)}]${live ? canvasClock() : 'null'}[cv0]`
    : `color=c=black:s=${W}x${H}:r=${fps},format=yuv420p${live ? `,${canvasClock()}` : ''}[cv0]`;
  let current = 'cv0';
  const reloadFrames = o.reloadByInterval ? widgetReloadFrames(fps) : 1;
  o.scene.items.forEach((item, i) => {
    if (item === base) return;
    const next = `cv${i + 1}`;
    if (isWidget(item.source)) {
      place.push(
        `[${current}]${widgetChain({ ...item, source: item.source }, { textDir: o.textDir, fontFile: o.fontFile, reloadFrames })}[${next}]`,
      );
      current = next;
      return;
    }
    place.push(
      `[${current}][${labels.get(item.id)}]${targets[item.id]?.overlay}=x=${item.rect.x}:y=${item.rect.y}:eof_action=repeat:enable=${item.visible ? 1 : 0}[${next}]`,
    );
    current = next;
  });

  // The safety mask: a blur and a slate, both already in the graph and switched by `enable` commands.
  const slateFile = join(o.textDir, 'slate.txt');
  const mask = o.safetyMask;
  // Both are generic timeline filters: disabled, a frame passes them untouched at no cost (an overlay of a
  // slate would cost a frame copy on every frame even when off).
  const safety =
    `[${current}]${o.overlays ? `${o.overlays},` : ''}${SAFETY_BLUR}=luma_radius=${Math.round(Math.min(W, H) / 24)}:luma_power=2:chroma_radius=${Math.round(Math.min(W, H) / 48)}:enable=${mask === 'blur' ? 1 : 0},` +
    `${SAFETY_SLATE}=x=0:y=0:w=iw:h=ih:c=0x1b1b2f:t=fill:enable=${mask === 'slate' ? 1 : 0},` +
    `${SAFETY_SLATE_TEXT}=textfile=${escapeFilterValue(slateFile)}:reload=0:expansion=none:fontsize=${Math.round(H / 12)}:fontcolor=white:x=(w-tw)/2:y=(h-th)/2${font(o)}:enable=${mask === 'slate' ? 1 : 0},` +
    // The canvas is paced at its start (compositorClock.ts), so every input's frame is used as soon as it is here.
    'format=yuv420p' +
    (o.zmqPort ? `,zmq=bind_address=${escapeFilterValue(`tcp://127.0.0.1:${o.zmqPort}`)}` : '') +
    // Live, each program frame's time goes to the relay, which pairs the frame with the sound of that moment.
    (live ? `,${frameTimeChain()}` : '') +
    (o.preview ? `,split=2[vout][pvin];${previewChain('pvin', 'pview', o.preview, 'sview')}` : '[vout]');

  // The scene's own sound sources (microphone, desktop); one that cannot be captured here is left out.
  for (const a of o.scene.audio ?? []) {
    if (o.placeholders[a.id]) continue;
    try {
      const chain = audioSourceChain(a, {
        platform: o.platform,
        microphone: o.defaultMicrophone ?? o.microphone,
        rate: AUDIO_RATE,
        addInput,
      });
      audio.push({ chain: chain + meters.chain(a.id, a.mix), guest: null });
    } catch (err) {
      if (!(err instanceof UnsupportedSourceError)) throw err;
      // A scene's default microphone on a machine without one is silence, not news on every rebuild.
      if (a.device || a.kind !== 'microphone') notices.push(`${a.name}: ${err.message}`);
    }
  }
  if (o.microphone && !(o.scene.audio ?? []).some((a) => a.kind === 'microphone')) {
    try {
      const k = addInput(microphoneInput(o.microphone));
      audio.push({ chain: `[${k}:a]aresample=${AUDIO_RATE}:async=1000${meters.chain('microphone')}`, guest: null });
    } catch (err) {
      notices.push(`Microphone: ${(err as Error).message}`);
    }
  }
  // Every guest in the picture gets a mix-minus for their return feed (mixMinus.ts).
  const audioGraph = programAudioGraph(audio, guests, AUDIO_RATE);
  const filterGraph = [...chains, canvas, ...place, safety, audioGraph].join(';');
  const args = [
    ...quietArgs('warning'),
    '-nostats',
    // The graph's filters run on one thread: slicing each frame across threads cost ~13 % more of the
    // compositor's CPU (waking and waiting per filter per frame) while the encoder keeps the other cores busy;
    // on one thread a 1080p camera frame with beauty and the preview takes ~7 ms of the 33 it has.
    '-filter_complex_threads',
    '1',
    ...inputs,
    '-filter_complex',
    filterGraph,
    '-map',
    '[vout]',
    // Frames as the graph makes them, timed in microseconds as it timed them: the frame relay is the program's
    // clock (a constant rate here would add copies of late frames, or drop frames made close together).
    ...(live ? ['-fps_mode', 'passthrough', '-enc_time_base:v', '1:1000000'] : []),
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    'pipe:1',
    '-map',
    '[aout]',
    ...rawStereoArgs(AUDIO_RATE),
    'pipe:3',
    ...mixMinusOutputArgs(guests, AUDIO_RATE),
    ...(o.preview ? [...previewOutputArgs('pview'), ...safetyOutputArgs('sview')] : []),
  ];
  const key = JSON.stringify(args)
    .split(`:${o.zmqPort ?? 'none'}`)
    .join(':PORT');
  return {
    args,
    key,
    preview: o.preview ?? null,
    zmqPort: o.zmqPort ?? null,
    filterGraph,
    targets,
    textFiles,
    slateFile,
    guests,
    notices,
    meters: meters.ids,
    frameTimes: live,
  };
}
