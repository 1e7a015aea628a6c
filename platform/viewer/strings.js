// Every string of the viewer page, in English and Simplified Chinese.
/* global navigator, localStorage */
const en = {
  brand: 'VJ Live',
  welcome: 'Watch live VJ sets',
  guest: 'Watch as a guest',
  signIn: 'Sign in',
  userId: 'User ID',
  password: 'Password',
  liveNow: 'Live now',
  noRooms: 'Nobody is live right now. This list refreshes by itself.',
  viewers: '{n} watching',
  host: 'Hosted by {name}',
  waiting: 'Waiting for the stream…',
  connecting: 'Connecting…',
  ended: 'The broadcast has ended.',
  heartbeatLost: 'The broadcast was interrupted and has ended.',
  say: 'Say something…',
  send: 'Send',
  like: '❤ Like ({n})',
  requestCohost: 'Request to join on video',
  cohostSent: 'Request sent to the host.',
  balance: '🪙 {n}',
  topUp: '+100 coins',
  giftSent: 'You sent {icon} {name} ×{count}.',
  gave: 'sent {icon} {name} ×{count}',
  joinedChat: 'You joined the chat.',
  kicked: 'A moderator removed you from this room: {reason}',
  muted: 'You are muted until {time}.',
  unmuted: 'You can speak again.',
  roomMuted: 'Only the host and moderators can speak now.',
  slowMode: 'Slow mode: one message every {n} s.',
  chatLost: 'Chat connection lost; reconnecting…',
  back: '← All rooms',
  lang: '中文',
  noVideo: 'This browser cannot play the stream.',
};
const zh = {
  brand: 'VJ 直播',
  welcome: '观看 VJ 直播',
  guest: '以游客身份观看',
  signIn: '登录',
  userId: '用户 ID',
  password: '密码',
  liveNow: '正在直播',
  noRooms: '现在没有人在直播。列表会自动刷新。',
  viewers: '{n} 人在看',
  host: '主播：{name}',
  waiting: '等待直播画面…',
  connecting: '正在连接…',
  ended: '直播已结束。',
  heartbeatLost: '直播中断，已结束。',
  say: '说点什么…',
  send: '发送',
  like: '❤ 点赞（{n}）',
  requestCohost: '申请连麦',
  cohostSent: '已向主播发送连麦申请。',
  balance: '🪙 {n}',
  topUp: '+100 金币',
  giftSent: '你送出了 {icon} {name} ×{count}。',
  gave: '送出 {icon} {name} ×{count}',
  joinedChat: '你已进入聊天室。',
  kicked: '管理员已将你移出直播间：{reason}',
  muted: '你已被禁言，直到 {time}。',
  unmuted: '你可以发言了。',
  roomMuted: '现在只有主播和管理员可以发言。',
  slowMode: '慢速模式：每 {n} 秒一条消息。',
  chatLost: '聊天连接断开，正在重连…',
  back: '← 全部直播',
  lang: 'English',
  noVideo: '此浏览器无法播放该直播。',
};
const tables = { en, zh };

let lang = localStorage.getItem('vj.lang') || ((navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en');

export function currentLang() {
  return lang;
}

export function setLang(next) {
  lang = next === 'zh' ? 'zh' : 'en';
  localStorage.setItem('vj.lang', lang);
}

/** A string with {name} placeholders filled; values are plain text, never markup. */
export function t(key, vars = {}) {
  const s = tables[lang][key] ?? en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}
