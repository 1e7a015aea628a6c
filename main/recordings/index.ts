// The recordings folder's public face.
export { RecordingsLibrary } from './recordingsLibrary';
export type { RepairResult } from './recordingsLibrary';
export { probeDuration } from './mediaProbe';
