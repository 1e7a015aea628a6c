// What each panel of the live cockpit shows: the studio's own components, the same ones the other screens
// use (the chat panel is the Chat screen's component with its one feed subscription), never copies.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CockpitPanel } from '../../../main/contract/cockpit';
import { AlertQueuePanel } from './AlertQueuePanel';
import { ChatScreen } from '../chat/ChatScreen';
import { CohostPanel } from '../cohost/CohostPanel';
import { DestinationsPanel } from '../destinations/DestinationsPanel';
import { PkPanel } from '../pk/PkPanel';
import { PreviewView } from '../media/PreviewView';
import { SafetyModeratorFeed } from '../safety/SafetyEventList';
import { AudioMixer } from '../scenes/AudioMixer';
import { SceneList } from '../scenes/SceneList';
import { useScenes } from '../scenes/useScenes';
import { LivePanel } from '../session/LivePanel';
import { useSessionState } from '../session/useSessionState';

function ScenesPanel() {
  const model = useScenes();
  const { state, scenes } = model;
  const studioMode = state?.studioMode ?? false;
  // The same choice as the editor's list and Ctrl+1…9: a cut on air, or the next scene in studio mode.
  const choose = (index: number) => {
    const s = scenes[index];
    if (!s) return;
    if (studioMode) void model.run('scenes.setPreview', { id: s.id });
    else void model.run('scenes.activate', { id: s.id, transition: { type: 'cut', durationMs: 0 } });
  };
  return (
    <SceneList
      model={model}
      scenes={scenes}
      programId={state?.programSceneId ?? null}
      previewId={state?.previewSceneId ?? null}
      studioMode={studioMode}
      onChoose={choose}
    />
  );
}

function MixerPanel() {
  const model = useScenes();
  return <AudioMixer scene={model.find(model.state?.programSceneId ?? null)} onEdit={model.edit} />;
}

function FiguresPanel() {
  const { t } = useTranslation();
  const [session] = useSessionState();
  if (session && (session.phase === 'live' || session.phase === 'ending')) return <LivePanel session={session} />;
  return (
    <p className="hint" data-testid="cockpit-not-live">
      {t('cockpit.notLive')}
    </p>
  );
}

export const panelViews: Record<CockpitPanel, () => ReactNode> = {
  preview: () => <PreviewView />,
  scenes: () => <ScenesPanel />,
  mixer: () => <MixerPanel />,
  chat: () => <ChatScreen embedded />,
  figures: () => <FiguresPanel />,
  cohost: () => (
    <>
      <CohostPanel />
      <PkPanel />
    </>
  ),
  safety: () => <SafetyModeratorFeed />,
  destinations: () => <DestinationsPanel />,
  alerts: () => <AlertQueuePanel />,
};
