// English strings. Every key here must exist in zh.ts too (a unit test checks it).
export const en = {
  app: { name: 'VJ Studio', language: 'Language' },
  nav: { studio: 'Studio', chat: 'Chat', recordings: 'Recordings', history: 'History', settings: 'Settings' },
  connection: {
    connecting: 'Connecting to the studio…',
    open: 'Connected',
    closed: 'Disconnected from the studio. Reconnecting…',
  },
  system: {
    title: 'System',
    version: 'App version',
    runtime: 'Runtime',
    ffmpeg: 'ffmpeg',
    ffmpegPath: 'ffmpeg path',
    ffmpegMissing: 'ffmpeg not found',
    database: 'Database',
    schemaVersion: 'Schema version',
    dataDir: 'Data folder',
    loading: 'Loading…',
    failed: 'Could not read the system information: {{message}}',
  },
  screens: {
    studioIntro: 'Sign in to set up your sources and go live.',
    chatIntro: 'The live chat of your room appears here once you are live or moderating a room.',
    recordingsIntro: 'Your local recordings appear here.',
    historyIntro: 'Every past broadcast appears here with its figures.',
  },
  settings: { title: 'Settings', languageHint: 'The studio speaks English and Simplified Chinese.' },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Strings = Widen<typeof en>;
