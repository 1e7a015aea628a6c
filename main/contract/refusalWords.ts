// The studio's refusals in English and Simplified Chinese: the one table their words live in, gathered here from
// one file per area (contract/words/). Every entry is { en, zh } or a function that makes one, declared through
// wordsTable, so the type checker fails on an entry missing either language. Call sites name the entry
// (refusalWords.probe.refused(where)); tests read the English as is.
import { bandwidth, probe } from './words/probeWords';
import { calls, hotkeys } from './words/callWords';
import { cohost, pk } from './words/cohostWords';
import { feed, hub, tencent } from './words/chatWords';
import { destinations, media, obsWebSocket, recordings, safety } from './words/outputWords';
import { platform, platformActions } from './words/platformWords';
import { sceneFile, scenes } from './words/scenesWords';
import { account, session } from './words/sessionWords';
import { tencentIm, tencentImCodes } from './words/tencentImWords';

export { wordsTable, type BilingualWords } from './words/wordsTable';

export const refusalWords = {
  platform,
  platformActions,
  probe,
  bandwidth,
  session,
  account,
  hub,
  feed,
  tencent,
  tencentIm,
  tencentImCodes,
  scenes,
  sceneFile,
  calls,
  hotkeys,
  media,
  safety,
  recordings,
  destinations,
  obsWebSocket,
  cohost,
  pk,
};
