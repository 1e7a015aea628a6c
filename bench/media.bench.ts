// npm run bench:media [-- --seconds N]: in one run, bare ffmpeg against the studio pipeline at 720p30 and
// 1080p30, beauty off and on (level 5), and push + record + preview at once; realtime factor and CPU seconds
// per second of video for each, then the ratios. The last line is the RESULT.
import type { Beauty } from '../main/contract/media';
import type { Scene } from '../main/contract/scene';
import { neutralBeauty } from '../main/media/beautyFilter';
import { presets } from '../main/media/presets';
import { RtmpTestServer } from '../main/media/rtmpTestServer';
import { argSeconds, report, runBare, runPipeline } from './mediaPipelineRun';

const seconds = argSeconds(15);
const level5: Beauty = { smoothing: 5, whitening: 5, ruddiness: 5, sharpness: 0, mirror: false };

function cameraScene(width: number, height: number, beauty: boolean): Scene {
  return {
    id: 'bench',
    name: 'camera',
    items: [{ id: 'cam', name: 'camera', source: { kind: 'camera', deviceId: 'test', beauty }, rect: { x: 0, y: 0, width, height }, crop: { top: 0, right: 0, bottom: 0, left: 0 }, opacity: 1, visible: true, locked: false }],
  };
}

console.log(`bench:media — ${seconds} s of video per run, x264 veryfast CBR, testsrc2 + tone`);
const server = await RtmpTestServer.create();
try {
  const results: Record<string, Awaited<ReturnType<typeof runBare>>> = {};
  for (const id of ['720p30', '1080p30'] as const) {
    const p = presets[id];
    results[`bare_${id}`] = await runBare(`bare ffmpeg ${id}`, p, seconds);
    results[`off_${id}`] = await runPipeline({ name: `studio ${id} beauty off`, preset: p, scene: cameraScene(p.width, p.height, false), beauty: neutralBeauty, seconds });
    results[`on_${id}`] = await runPipeline({ name: `studio ${id} beauty 5`, preset: p, scene: cameraScene(p.width, p.height, true), beauty: level5, seconds });
    for (const k of ['bare', 'off', 'on']) report(results[`${k}_${id}`] as never);
  }
  const p = presets['1080p30'];
  const outputs = await runPipeline({ name: 'studio 1080p30 beauty 5 + push/record/preview', preset: p, scene: cameraScene(p.width, p.height, true), beauty: level5, seconds, outputs: { pushUrl: server.url('live/bench') } });
  report(outputs);
  const on = results.on_1080p30 as typeof outputs;
  const off = results.off_1080p30 as typeof outputs;
  const bare = results.bare_1080p30 as typeof outputs;
  console.log(`studio beauty off vs bare ffmpeg, 1080p30: ${(off.cpuPerVideoSecond / bare.cpuPerVideoSecond).toFixed(3)}x CPU`);
  console.log(`studio beauty off vs bare ffmpeg, 720p30: ${((results.off_720p30 as typeof on).cpuPerVideoSecond / (results.bare_720p30 as typeof on).cpuPerVideoSecond).toFixed(3)}x CPU`);
  console.log(`RESULT speed_1080p_beauty=${on.speed.toFixed(2)} beauty_cpu_ratio_1080p=${(on.cpuPerVideoSecond / off.cpuPerVideoSecond).toFixed(3)} outputs_cpu_ratio=${(outputs.cpuPerVideoSecond / on.cpuPerVideoSecond).toFixed(3)}`);
} finally {
  await server.kill();
}
