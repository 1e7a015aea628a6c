// The scenes area: scenes as data per profile, the program scene, live figures, scene files, drawtext text.
export { ScenesService } from './scenesService';
export type { ScenesServiceOptions } from './scenesService';
export { noSceneOutput, ProgramFeed } from './programFeed';
export type { SceneOutput } from './programFeed';
export { defaultCanvas, defaultScenes } from './defaultScenes';
export type { Canvas } from './defaultScenes';
export { emptyFigures, renderLiveText, renderSceneForOutput, usesLiveFigures } from './liveText';
export { exportSceneFile, parseSceneFile, SCENE_FILE_FORMAT } from './sceneFile';
export { chatOverlayText, cleanOverlayText, drawtextTextOptions } from './drawtextEscape';
export type { OverlayMessage } from './drawtextEscape';
