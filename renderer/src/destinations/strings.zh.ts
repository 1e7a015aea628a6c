// 推流目标面板的简体中文文案。
import type { destinationsEn } from './strings.en';

export const destinationsZh: typeof destinationsEn = {
  title: '多平台推流',
  hint: '同一路编码同时推到更多平台。它们随你的直播间开播，随直播间停止。',
  room: '你的直播间',
  roomPush: '直播间自己的推流',
  none: '还没有其他推流目标。',
  add: '添加推流目标',
  service: '平台',
  name: '名称',
  server: '服务器',
  save: '保存',
  cancel: '取消',
  pause: '暂停',
  resume: '继续',
  remove: '删除',
  changeKey: '新密钥',
  keySaved: '密钥已保存',
  keyHidden: '密钥加密保存在这台电脑上，之后不再显示。',
  paused: '已暂停',
  waiting: '等待直播间开播',
  figures: '{{kbps}} kbit/s · 丢弃 {{dropped}} 帧 · 已连接 {{connects}} 次',
  count: '{{count}} / {{max}}',
};
