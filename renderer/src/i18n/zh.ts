// 简体中文
import type { Strings } from './en';

export const zh: Strings = {
  app: { name: 'VJ 直播工作室', language: '语言' },
  nav: { studio: '直播间', chat: '聊天', recordings: '录像', history: '历史', settings: '设置' },
  connection: {
    connecting: '正在连接工作室…',
    open: '已连接',
    closed: '与工作室的连接已断开，正在重连…',
  },
  system: {
    title: '系统',
    version: '应用版本',
    runtime: '运行方式',
    ffmpeg: 'ffmpeg',
    ffmpegPath: 'ffmpeg 路径',
    ffmpegMissing: '未找到 ffmpeg',
    database: '数据库',
    schemaVersion: '数据结构版本',
    dataDir: '数据文件夹',
    loading: '加载中…',
    failed: '无法读取系统信息：{{message}}',
  },
  screens: {
    studioIntro: '登录后即可设置画面来源并开始直播。',
    chatIntro: '开播或管理直播间后，房间的实时聊天会显示在这里。',
    recordingsIntro: '本地录像会显示在这里。',
    historyIntro: '每一场过去的直播及其数据都会显示在这里。',
  },
  settings: { title: '设置', languageHint: '工作室支持英文和简体中文。' },
};
