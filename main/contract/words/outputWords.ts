// The words of what the studio makes and sends: the media pipeline, recordings, push destinations, the
// obs-websocket server, and the picture safety check.
import { wordsTable, type BilingualWords } from './wordsTable';

/** The media pipeline (media/mediaService.ts). */
export const media = wordsTable({
  noFfmpeg: {
    en: 'ffmpeg was not found, so the studio cannot capture, encode or record. See System for where it looked.',
    zh: '找不到 ffmpeg，工作室无法采集、编码或录制。查找过的位置见“系统”页。',
  },
  noEncoder: (encoder: string): BilingualWords => ({
    en: `The encoder "${encoder}" is not available on this machine.`,
    zh: `这台电脑上没有可用的编码器“${encoder}”。`,
  }),
  startFirst: { en: 'Start the pipeline first (media.start).', zh: '请先启动媒体管线（media.start）。' },
});

/** The picture safety check (safety/safetyService.ts). */
export const safety = wordsTable({
  nothingFlagged: (source: string): BilingualWords => ({
    en: `Nothing is flagged on ${source}.`,
    zh: `${source} 上没有被标记的内容。`,
  }),
});

/** The recordings library (recordings/recordingsLibrary.ts). */
export const recordings = wordsTable({
  noSuchRecording: (name: string): BilingualWords => ({
    en: `There is no recording named "${name}".`,
    zh: `没有名为“${name}”的录像。`,
  }),
  exportFailed: (name: string, cause: string): BilingualWords => ({
    en: `The export of "${name}" failed: ${cause}`,
    zh: `导出“${name}”失败：${cause}`,
  }),
});

/** Push destinations and their vertical layouts (destinations/destinationBook.ts). */
export const destinations = wordsTable({
  removed: { en: 'That destination does not exist (it was removed).', zh: '该推流目标不存在（已被删除）。' },
  tooMany: (max: number): BilingualWords => ({
    en: `At most ${max} destinations: remove one before adding another.`,
    zh: `最多 ${max} 个推流目标：请先删除一个再添加。`,
  }),
  keyAgain: {
    en: 'A new server needs its stream key again: the saved key stays with the server it was given for.',
    zh: '更换服务器需要重新填写推流密钥：已保存的密钥只用于原来的服务器。',
  },
  tooManyLayouts: (max: number): BilingualWords => ({
    en: `At most ${max} scenes have a vertical layout of their own: reset one to the default first.`,
    zh: `最多 ${max} 个场景可以有自己的竖屏布局：请先把一个恢复为默认布局。`,
  }),
  unknownService: (service: string): BilingualWords => ({
    en: `"${service}" is not a streaming service the studio knows.`,
    zh: `工作室不认识推流服务“${service}”。`,
  }),
  ownServers: (service: string): BilingualWords => ({
    en: `Choose one of ${service}'s own servers.`,
    zh: `请选择 ${service} 自己的服务器。`,
  }),
  /** `key` is what the service calls its stream key, as it reads inside a sentence. */
  fillKey: (service: string, key: BilingualWords): BilingualWords => ({
    en: `Fill in the ${key.en} from ${service}.`,
    zh: `请填写 ${service} 的${key.zh}。`,
  }),
  needsStreamName: {
    en: 'The server address needs a stream key, or a stream name after the app (rtmp://host/live/stream).',
    zh: '服务器地址需要推流密钥，或在应用名后带上流名称（rtmp://host/live/stream）。',
  },
});

/** The obs-websocket server (obsWebSocket/obsWebSocketService.ts). */
export const obsWebSocket = wordsTable({
  couldNotStart: (cause: string): BilingualWords => ({
    en: `The obs-websocket server could not start: ${cause}`,
    zh: `obs-websocket 服务器无法启动：${cause}`,
  }),
  portTaken: (port: number, instead: number): BilingualWords => ({
    en: `Port ${port} is taken by another program, so the server listens on port ${instead}: paste this address instead.`,
    zh: `端口 ${port} 已被其他程序占用，服务器改用端口 ${instead}：请粘贴这个地址。`,
  }),
});
