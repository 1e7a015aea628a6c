// The app shell: navigation, connection state, and the screen of the current route (#/studio, #/chat, …).
import { NoticeTray } from './notices/NoticeTray';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from './api/StudioProvider';
import type { ConnectionState } from './api/client';
import { ChatScreen } from './chat/ChatScreen';
import { CockpitScreen } from './cockpit/CockpitScreen';
import { isPanel } from './cockpit/cockpitRules';
import { PoppedPanel } from './cockpit/PoppedPanel';
import { SystemPanel } from './components/SystemPanel';
import { SafetyBanner } from './safety/SafetyBanner';
import { SafetyModeratorFeed } from './safety/SafetyEventList';
import { SceneHotkeys } from './scenes/SceneHotkeys';
import { ScenesScreen } from './scenes/ScenesScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { HistoryScreen } from './session/HistoryScreen';
import { StudioScreen } from './session/StudioScreen';
import { MediaPanel } from './media/MediaPanel';
import { RecordingsScreen } from './media/RecordingsScreen';

export const routes = ['studio', 'live', 'scenes', 'chat', 'recordings', 'history', 'settings'] as const;
export type Route = (typeof routes)[number];

function currentRoute(): Route {
  const r = window.location.hash.replace(/^#\/?/, '').split('/')[0] as Route;
  return routes.includes(r) ? r : 'studio';
}

/** A live-cockpit panel shown alone in its own window or tab (#/panel/chat). */
function poppedPanel() {
  const m = /^#\/?panel\/([a-z]+)$/.exec(window.location.hash);
  return m?.[1] && isPanel(m[1]) ? m[1] : undefined;
}

function moderatorRoom(): string | undefined {
  const m = /^#\/?moderate\/(.+)$/.exec(window.location.hash);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

const screens: Record<Route, () => ReactNode> = {
  studio: () => <StudioScreen mediaPanel={(live) => <MediaPanel live={live} />} />,
  live: () => <CockpitScreen />,
  scenes: () => <ScenesScreen />,
  chat: () => <ChatScreen />,
  recordings: () => <RecordingsScreen />,
  history: () => <HistoryScreen />,
  settings: () => <SettingsScreen />,
};

export function App() {
  const { t } = useTranslation();
  const client = useStudio();
  const [route, setRoute] = useState<Route>(currentRoute);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  useEffect(() => {
    const onHash = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => client.onConnection(setConnection), [client]);
  const [moderating, setModerating] = useState(moderatorRoom);
  useEffect(() => {
    const onHash = () => setModerating(moderatorRoom());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const [popped] = useState(poppedPanel);
  // Moderator mode (#/moderate/N): chat and moderation only, the whole window.
  if (moderating) return <ChatScreen moderatorRoom={moderating} />;
  if (popped) return <PoppedPanel panel={popped} />;

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="main">
        <div className="brand">{t('app.name')}</div>
        <ul>
          {routes.map((r) => (
            <li key={r}>
              <a
                href={`#/${r}`}
                className={r === route ? 'active' : ''}
                data-nav={r}
                aria-current={r === route ? 'page' : undefined}
              >
                {t(`nav.${r}`)}
              </a>
            </li>
          ))}
        </ul>
        <div className={`connection ${connection}`} data-testid="connection">
          {t(`connection.${connection}`)}
        </div>
        <SystemPanel compact />
      </nav>
      <main className="content" data-route={route}>
        <SafetyBanner />
        <NoticeTray />
        {screens[route]()}
        {route !== 'scenes' && <SceneHotkeys />}
        {route === 'chat' && <SafetyModeratorFeed />}
      </main>
    </div>
  );
}
