// ffmpeg input arguments for capture devices, files and streams, per OS. Pure: no process is started here.
//
// Device ids are "<backend>:<name>", as the device lister returns them: `v4l2:/dev/video0`,
// `dshow:Integrated Camera`, `avfoundation:0`, `pulse:default`, `alsa:hw:0`. `test` is the lavfi test
// pattern, the default camera wherever none exists.

export type InputArgs = string[];

export class UnsupportedSourceError extends Error {}

function split(id: string): [string, string] {
  const i = id.indexOf(':');
  if (i < 0) throw new UnsupportedSourceError(`"${id}" is not a device id (expected backend:name)`);
  return [id.slice(0, i), id.slice(i + 1)];
}

export function cameraInput(deviceId: string, fps: number): InputArgs {
  const [backend, name] = split(deviceId);
  switch (backend) {
    case 'v4l2':
      return ['-f', 'v4l2', '-framerate', String(fps), '-i', name];
    case 'dshow':
      return ['-f', 'dshow', '-rtbufsize', '64M', '-framerate', String(fps), '-i', `video=${name}`];
    case 'avfoundation':
      return ['-f', 'avfoundation', '-framerate', String(fps), '-pixel_format', 'nv12', '-i', `${name}:none`];
    default:
      throw new UnsupportedSourceError(`cameras of kind "${backend}" are not supported`);
  }
}

export function microphoneInput(deviceId: string): InputArgs {
  const [backend, name] = split(deviceId);
  switch (backend) {
    case 'pulse':
      return ['-f', 'pulse', '-i', name];
    case 'alsa':
      return ['-f', 'alsa', '-i', name];
    case 'dshow':
      return ['-f', 'dshow', '-audio_buffer_size', '50', '-i', `audio=${name}`];
    case 'avfoundation':
      return ['-f', 'avfoundation', '-i', `none:${name}`];
    default:
      throw new UnsupportedSourceError(`microphones of kind "${backend}" are not supported`);
  }
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function screenInput(platform: NodeJS.Platform, display: string, fps: number, region?: Region): InputArgs {
  const r = String(fps);
  if (platform === 'win32') {
    const area = region
      ? [
          '-offset_x',
          String(region.x),
          '-offset_y',
          String(region.y),
          '-video_size',
          `${region.width}x${region.height}`,
        ]
      : [];
    return ['-f', 'gdigrab', '-framerate', r, '-draw_mouse', '1', ...area, '-i', 'desktop'];
  }
  if (platform === 'darwin') {
    // avfoundation names screens "Capture screen N"; the display field holds that index.
    const index = /\d+/.exec(display)?.[0] ?? '0';
    return [
      '-f',
      'avfoundation',
      '-framerate',
      r,
      '-capture_cursor',
      '1',
      '-pixel_format',
      'nv12',
      '-i',
      `${index}:none`,
    ];
  }
  const size = region ? ['-video_size', `${region.width}x${region.height}`] : [];
  const at = region ? `+${region.x},${region.y}` : '';
  const disp = display.includes('.') ? display : `${display}.0`;
  return ['-f', 'x11grab', '-framerate', r, '-draw_mouse', '1', ...size, '-i', `${disp}${at}`];
}

export function windowInput(platform: NodeJS.Platform, title: string, fps: number): InputArgs {
  if (platform === 'win32') return ['-f', 'gdigrab', '-framerate', String(fps), '-i', `title=${title}`];
  throw new UnsupportedSourceError('capturing a single window works on Windows only; capture a screen region instead');
}

/**
 * A scene file may come from anyone: whatever its path says, ffmpeg opens it as a local file only (never http, tcp,
 * rtmp, concat or a pipe), on top of the scene schema's own refusal of addresses.
 */
export const LOCAL_FILES_ONLY: InputArgs = ['-protocol_whitelist', 'file'];

export function imageInput(path: string): InputArgs {
  // One frame a second: the overlay repeats it, and an image replaced on disk shows within a second.
  return ['-loop', '1', '-framerate', '1', ...LOCAL_FILES_ONLY, '-i', path];
}

/**
 * A file read as fast as the compositor asks, which paces it by the file's own times (compositorClock.ts, fileClock).
 * One decoding thread: with frame threads each picture came two frames after it was read, behind its sound.
 */
export function mediaFileInput(path: string, loop: boolean): InputArgs {
  return [...(loop ? ['-stream_loop', '-1'] : []), '-threads', '1', ...LOCAL_FILES_ONLY, '-i', path];
}

export function streamInput(url: string): InputArgs {
  // rw_timeout: a guest whose stream stalls ends as EOF after 3 s instead of freezing the composite.
  // low_delay: each frame decoded as it comes (frame-threaded decoding holds a frame per thread).
  // fpsprobesize 0: the probe ends with the stream's first keyframe and sound instead of reading on to tell the
  // frame rate, and what it read is decoded too. With +nobuffer it was dropped, the cached GOP's keyframe with it,
  // and the guest's first picture waited for the next keyframe (first frame 1.2 s after the compositor's start,
  // 0.3-0.5 s now; bench/soak/relaySync.test.ts).
  return [
    '-rw_timeout',
    '3000000',
    '-fpsprobesize',
    '0',
    '-flags',
    'low_delay',
    '-analyzeduration',
    '1000000',
    '-i',
    url,
  ];
}
