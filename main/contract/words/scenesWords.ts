// The scenes' words: editing a profile's scenes, studio mode, and importing a scene file.
import { wordsTable, type BilingualWords } from './wordsTable';

/** The scenes service's refusals (scenes/scenesService.ts). */
export const scenes = wordsTable({
  keepOneScene: {
    en: 'A profile keeps at least one scene: add another before deleting this one.',
    zh: '每个方案至少保留一个场景：请先添加一个新场景，再删除这个。',
  },
  onAir: {
    en: 'This scene is on air: switch to another scene before deleting it.',
    zh: '该场景正在播出：请先切换到其他场景再删除。',
  },
  notInProfile: (id: string): BilingualWords => ({
    en: `There is no scene "${id}" in this profile.`,
    zh: `此方案中没有场景“${id}”。`,
  }),
  notInNamedProfile: (id: string, profile: string): BilingualWords => ({
    en: `There is no scene "${id}" in profile "${profile}".`,
    zh: `方案“${profile}”中没有场景“${id}”。`,
  }),
  studioModeOff: {
    en: 'Turn on studio mode first: it prepares the next scene, then cuts or fades to it.',
    zh: '请先打开工作室模式：它会先准备下一个场景，再切换或淡入过去。',
  },
  chooseNext: { en: 'Choose the next scene in the preview first.', zh: '请先在预览中选择下一个场景。' },
  tooManyToImport: (has: number): BilingualWords => ({
    en: `This scene file cannot be imported: a profile holds at most 200 scenes and this one has ${has}. Nothing was changed.`,
    zh: `无法导入此场景文件：每个方案最多 200 个场景，当前方案已有 ${has} 个。未做任何更改。`,
  }),
  noProfile: (id: string): BilingualWords => ({
    en: `There is no scene profile "${id}".`,
    zh: `没有场景方案“${id}”。`,
  }),
  duplicateItemId: (scene: string, id: string): BilingualWords => ({
    en: `Scene "${scene}" has two items with the id "${id}".`,
    zh: `场景“${scene}”中有两个元素的编号都是“${id}”。`,
  }),
});

/** Why a scene file is refused (scenes/sceneFile.ts); each reason goes inside `cannotImport`. */
export const sceneFile = wordsTable({
  /** The rule an image or media item's path is held to (contract/scene.ts's localFileRule). */
  notLocalFile: {
    en: 'must name a file on this computer, not an address (http://, tcp://, rtmp://… or a network share)',
    zh: '必须是本机上的文件，不能是网络地址（http://、tcp://、rtmp://… 或网络共享）',
  },
  cannotImport: (reason: BilingualWords): BilingualWords => ({
    en: `This scene file cannot be imported: ${reason.en}. Nothing was changed.`,
    zh: `无法导入此场景文件：${reason.zh}。未做任何更改。`,
  }),
  notJson: (cause: string): BilingualWords => ({ en: `it is not JSON (${cause})`, zh: `它不是 JSON（${cause}）` }),
  notSceneFile: (format: string): BilingualWords => ({
    en: `it is not a VJ Studio scene file (expected "format": "${format}")`,
    zh: `它不是 VJ Studio 场景文件（应有 "format": "${format}"）`,
  }),
  newerVersion: (version: string, reads: number): BilingualWords => ({
    en: `it was written by a newer or unknown version (${version}); this studio reads version ${reads}`,
    zh: `它由更新或未知的版本写出（${version}），本工作室读取版本 ${reads}`,
  }),
  /** `said` is the first problem's words (null when there is none to name); `others` how many more there are. */
  notValidAt: (at: string, said: BilingualWords | null, others: number): BilingualWords => ({
    en: `${at}${said?.en ?? 'something in it is not valid'}${others > 0 ? ` (and ${others} more problem${others > 1 ? 's' : ''})` : ''}`,
    zh: `${at}${said?.zh ?? '其中有内容无效'}${others > 0 ? `（另有 ${others} 处问题）` : ''}`,
  }),
  duplicateItemId: (index: number, scene: string, id: string): BilingualWords => ({
    en: `scene ${index} ("${scene}") has two items with the id "${id}"`,
    zh: `第 ${index} 个场景（“${scene}”）中有两个元素的编号都是“${id}”`,
  }),
});
