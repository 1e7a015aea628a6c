// The scenes of the current profile, the scene on air and the next one (studio mode), live figures in text
// items, and import/export. Every change is stored, announced as scenes.changed, and, when it touches the
// program scene, handed to the compositor through a SceneOutput.
import type { EventBus } from '../api';
import { StudioError } from '../contract/errors';
import type { Scene } from '../contract/scene';
import { refusalWords } from '../contract/refusalWords';
import type { AudioLevel, LiveFigures, SceneProfile, ScenesState, SceneTransition } from '../contract/scenes';
import type { SqliteDatabase } from '../storage';
import { defaultCanvas, defaultScenes, newId, type Canvas } from './defaultScenes';
import { emptyFigures, renderSceneForOutput, usesLiveFigures } from './liveText';
import { noSceneOutput, ProgramFeed, type SceneOutput } from './programFeed';
import { assertSceneConsistent, exportSceneFile, parseSceneFile } from './sceneFile';
import { SceneStore } from './sceneStore';

const words = refusalWords.scenes;

export interface ScenesServiceOptions {
  db: SqliteDatabase;
  bus: Pick<EventBus, 'emit'>;
  log?: (line: string) => void;
  canvas?: Canvas;
  /** The first camera's device id, found before the service is built (see ScenesService.open), else null. */
  cameraDeviceId?: string | null;
  output?: SceneOutput;
}

type Transition = NonNullable<ScenesState['lastTransition']>;

export class ScenesService {
  private readonly store: SceneStore;
  private readonly feed: ProgramFeed;
  private readonly canvas: Canvas;
  private profile!: SceneProfile;
  private scenes: Scene[] = [];
  private programSceneId: string | null = null;
  private previewSceneId: string | null = null;
  private studioMode = false;
  private lastTransition: Transition | null = null;
  private figures: LiveFigures = emptyFigures;
  private revision = 0;

  /**
   * Builds the service; on the very first start (no profile yet) it first asks `findCamera` so the default
   * scenes show the camera where one exists. A finder that fails or takes over 5 s means: the test pattern.
   */
  static async open(
    options: ScenesServiceOptions & { findCamera?: () => Promise<string | null> },
  ): Promise<ScenesService> {
    const { findCamera, ...rest } = options;
    let cameraDeviceId = rest.cameraDeviceId ?? null;
    if (findCamera && !new SceneStore(options.db).activeProfile()) {
      const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000).unref());
      cameraDeviceId = await Promise.race([findCamera().catch(() => null), timeout]);
    }
    return new ScenesService({ ...rest, cameraDeviceId });
  }

  constructor(private readonly options: ScenesServiceOptions) {
    const log = options.log ?? (() => {});
    this.store = new SceneStore(options.db, log);
    this.canvas = options.canvas ?? defaultCanvas;
    this.feed = new ProgramFeed(options.output ?? noSceneOutput, (err, scene) => {
      log(`the compositor refused scene "${scene.name}": ${err.message}`);
      this.options.bus.emit('system.notice', {
        level: 'error',
        code: 'scene_output_failed',
        message: `Scene "${scene.name}" could not be put on air: ${err.message}`,
      });
    });
    const active = this.store.activeProfile();
    if (active) this.load(active);
    else this.createProfile('Default');
  }

  /** Wires the compositor (the composition root does this once the media engine exists); re-sends the program. */
  setOutput(output: SceneOutput): void {
    this.feed.setOutput(output);
    this.pushProgram();
  }

  state(): ScenesState {
    return {
      profile: this.profile,
      profiles: this.store.profiles(),
      canvas: { ...this.canvas },
      scenes: this.scenes,
      programSceneId: this.programSceneId,
      previewSceneId: this.previewSceneId,
      studioMode: this.studioMode,
      lastTransition: this.lastTransition,
      figures: this.figures,
      revision: this.revision,
    };
  }

  /** The program scene as the compositor receives it (live figures filled in), or null when there is none. */
  programScene(): Scene | null {
    const scene = this.find(this.programSceneId);
    return scene ? renderSceneForOutput(scene, this.figures) : null;
  }

  create(name: string, copyFromId?: string): { scene: Scene } {
    const from = copyFromId === undefined ? null : this.get(copyFromId);
    const scene: Scene = {
      id: newId('scene'),
      name,
      items: from ? structuredClone(from.items) : [],
      audio: from?.audio ? structuredClone(from.audio) : [],
    };
    this.store.insertScenes(this.profile.id, [scene]);
    this.scenes = [...this.scenes, scene];
    this.changed();
    return { scene };
  }

  update(scene: Scene): { revision: number } {
    this.get(scene.id);
    assertSceneConsistent(scene);
    this.store.updateScene(this.profile.id, scene);
    this.scenes = this.scenes.map((s) => (s.id === scene.id ? scene : s));
    if (scene.id === this.programSceneId) this.pushProgram();
    return { revision: this.changed() };
  }

  remove(id: string): void {
    this.get(id);
    if (this.scenes.length === 1) throw new StudioError('conflict', words.keepOneScene);
    if (id === this.programSceneId) throw new StudioError('conflict', words.onAir);
    this.store.removeScene(this.profile.id, id);
    this.scenes = this.scenes.filter((s) => s.id !== id);
    if (this.previewSceneId === id) this.previewSceneId = this.studioMode ? this.programSceneId : null;
    this.changed();
  }

  reorder(ids: string[]): void {
    const known = new Set(this.scenes.map((s) => s.id));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown) throw new StudioError('not_found', words.notInProfile(unknown));
    const order = [...new Set(ids), ...this.scenes.map((s) => s.id).filter((id) => !ids.includes(id))];
    this.store.reorder(this.profile.id, order);
    this.scenes = order.map((id) => this.get(id));
    this.changed();
  }

  activate(id: string, transition: SceneTransition = { type: 'cut', durationMs: 0 }): { revision: number } {
    this.get(id);
    this.putOnAir(id, transition);
    return { revision: this.changed() };
  }

  setPreview(id: string): { revision: number } {
    this.get(id);
    this.previewSceneId = id;
    return { revision: this.changed() };
  }

  setStudioMode(enabled: boolean): { revision: number } {
    this.studioMode = enabled;
    if (enabled && !this.find(this.previewSceneId)) this.previewSceneId = this.programSceneId;
    return { revision: this.changed() };
  }

  /** Studio mode's Cut and Fade: the preview goes on air, the scene that was on air becomes the preview. */
  transition(transition: SceneTransition): { revision: number } {
    if (!this.studioMode) throw new StudioError('conflict', words.studioModeOff);
    const next = this.find(this.previewSceneId);
    if (!next) throw new StudioError('conflict', words.chooseNext);
    const before = this.programSceneId;
    this.putOnAir(next.id, transition);
    this.previewSceneId = before ?? next.id;
    return { revision: this.changed() };
  }

  export(ids?: string[]): { fileName: string; json: string } {
    const chosen = ids ? ids.map((id) => this.get(id)) : this.scenes;
    return exportSceneFile(this.profile.name, chosen);
  }

  /** Adds the file's scenes, all or none. Ids already used in this profile get new ones. */
  import(json: string): { imported: { id: string; name: string }[] } {
    const incoming = parseSceneFile(json);
    if (this.scenes.length + incoming.length > 200) {
      throw new StudioError('invalid_input', words.tooManyToImport(this.scenes.length));
    }
    const taken = new Set(this.scenes.map((s) => s.id));
    const scenes = incoming.map((scene) => {
      const id = taken.has(scene.id) ? newId('scene') : scene.id;
      taken.add(id);
      return { ...scene, id };
    });
    this.store.insertScenes(this.profile.id, scenes);
    this.scenes = [...this.scenes, ...scenes];
    this.changed();
    return { imported: scenes.map((s) => ({ id: s.id, name: s.name })) };
  }

  createProfile(name: string): SceneProfile {
    const scenes = defaultScenes(this.canvas, this.options.cameraDeviceId ?? null);
    const profile = { id: newId('profile'), name };
    this.store.createProfile(profile, scenes, scenes[0]?.id ?? null);
    this.load({ ...profile, programSceneId: scenes[0]?.id ?? null });
    return profile;
  }

  selectProfile(id: string): { revision: number } {
    if (!this.store.selectProfile(id)) throw new StudioError('not_found', words.noProfile(id));
    const active = this.store.activeProfile();
    if (active) this.load(active);
    return { revision: this.revision };
  }

  /** Called by the session with the room's figures while live; text items with live figures follow. */
  updateLiveFigures(figures: Partial<LiveFigures>): void {
    const next = { ...this.figures, ...figures };
    if (
      next.viewers === this.figures.viewers &&
      next.likes === this.figures.likes &&
      next.latestGift === this.figures.latestGift
    )
      return;
    this.figures = next;
    const program = this.find(this.programSceneId);
    if (program && usesLiveFigures(program)) this.pushProgram();
    this.changed();
  }

  /** Called by the media engine about ten times a second with the program scene's audio levels. */
  reportAudioLevels(levels: AudioLevel[]): void {
    this.options.bus.emit('scenes.audioLevels', { at: Date.now(), levels });
  }

  /** Resolves once the compositor has received the newest program scene. */
  settled(): Promise<void> {
    return this.feed.settled();
  }

  async close(): Promise<void> {
    await this.feed.settled();
  }

  private load(active: SceneProfile & { programSceneId: string | null }): void {
    this.profile = { id: active.id, name: active.name };
    this.scenes = this.store.scenes(active.id);
    const program = this.find(active.programSceneId) ?? this.scenes[0] ?? null;
    this.programSceneId = program?.id ?? null;
    this.previewSceneId = this.studioMode ? this.programSceneId : null;
    this.lastTransition = null;
    this.pushProgram();
    this.changed();
  }

  private putOnAir(id: string, transition: SceneTransition): void {
    const from = this.programSceneId;
    this.programSceneId = id;
    this.store.setProgram(this.profile.id, id);
    this.lastTransition = {
      type: transition.type,
      durationMs: transition.type === 'cut' ? 0 : transition.durationMs,
      fromSceneId: from,
      toSceneId: id,
      at: Date.now(),
    };
    this.pushProgram(transition);
  }

  private pushProgram(transition?: SceneTransition): void {
    const scene = this.programScene();
    if (scene) this.feed.push(scene, transition);
  }

  private find(id: string | null): Scene | undefined {
    return id === null ? undefined : this.scenes.find((s) => s.id === id);
  }

  private get(id: string): Scene {
    const scene = this.find(id);
    if (!scene) throw new StudioError('not_found', words.notInNamedProfile(id, this.profile.name));
    return scene;
  }

  private changed(): number {
    this.revision++;
    this.options.bus.emit('scenes.changed', this.state());
    return this.revision;
  }
}
