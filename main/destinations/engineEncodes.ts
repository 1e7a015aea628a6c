// The encodes destinations push, fed by the studio's media engine: its one encode, and the program frames
// and scene on air that the other sizes and the vertical canvas are drawn from.
import type { MediaEngine } from '../media';
import { EncodePool } from './encodePool';

export function engineEncodes(engine: MediaEngine, ffmpegPath: string | null): EncodePool {
  return new EncodePool({
    ffmpegPath: () => ffmpegPath,
    programPreset: () => engine.preset,
    encoder: () => engine.encoder,
    mainEncoderPid: () => engine.encoderPid,
    mainFanout: () => engine.fanout,
    programFrames: (listener) => engine.onProgramFrame(listener),
    programScene: () => (engine.running ? engine.getScene() : null),
  });
}
