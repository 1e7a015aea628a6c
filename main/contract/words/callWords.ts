// The words of the studio API's own refusals (its router and transports) and of its keyboard shortcuts.
import { wordsTable, type BilingualWords } from './wordsTable';

/** The router and the transports that carry calls to it (api/router.ts, headless/, shell/ipcTransport.ts). */
export const calls = wordsTable({
  invalidInput: (detail: string): BilingualWords => ({ en: detail, zh: `输入无效：${detail}` }),
  internal: (cause: string): BilingualWords => ({
    en: `Something went wrong inside the studio: ${cause}`,
    zh: `工作室内部出错：${cause}`,
  }),
  unknownCall: (shown: string): BilingualWords => ({
    en: `The studio has no call named ${shown}.`,
    zh: `工作室没有名为 ${shown} 的调用。`,
  }),
  invalidCallInput: (name: string, detail: string): BilingualWords => ({
    en: `The input to ${name} is not valid: ${detail}.`,
    zh: `${name} 的输入无效：${detail}。`,
  }),
  unexpectedAnswer: (name: string): BilingualWords => ({
    en: `The studio produced an unexpected answer to ${name}.`,
    zh: `工作室对 ${name} 给出了意外的结果。`,
  }),
  binaryFrame: { en: 'Binary frames are not accepted; send JSON text.', zh: '不接受二进制帧，请发送 JSON 文本。' },
  windowNotAllowed: { en: 'This window is not allowed to use the studio API.', zh: '此窗口无权使用工作室接口。' },
});

/** Keyboard shortcuts (hotkeys/). */
export const hotkeys = wordsTable({
  taken: (accelerator: string, other: string, action: string): BilingualWords => ({
    en: `${accelerator} is already the shortcut of "${other}": choose another for "${action}".`,
    zh: `${accelerator} 已经是“${other}”的快捷键：请为“${action}”换一个。`,
  }),
  confirmEnd: (title: string): BilingualWords => ({
    en: `End the broadcast "${title}"? Viewers will be told the show is over.`,
    zh: `结束直播“${title}”？观众会收到直播结束的通知。`,
  }),
});
