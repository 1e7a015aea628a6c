// The Studio route: sign in → set up → live → end page, with the crash-recovery offer on top.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CohostPanel } from '../cohost/CohostPanel';
import { PkPanel } from '../pk/PkPanel';
import { DestinationsPanel } from '../destinations/DestinationsPanel';
import { MediaPanel } from '../media/MediaPanel';
import { AccountBar } from './AccountBar';
import { EndPage } from './EndPage';
import { LivePanel } from './LivePanel';
import { RecoveryBanner } from './RecoveryBanner';
import { SetUpPanel } from './SetUpPanel';
import { SignInPanel } from './SignInPanel';
import { useAccountState, useSessionState } from './useSessionState';

export function StudioScreen({ mediaPanel }: { mediaPanel?: (live: boolean) => ReactNode }) {
  const { t } = useTranslation();
  const account = useAccountState();
  const [session] = useSessionState();
  if (!account || !session) return <p className="hint">{t('session.loading')}</p>;
  const media = (live: boolean) => (mediaPanel ? mediaPanel(live) : <MediaPanel live={live} />);
  const onAir = session.phase === 'live' || session.phase === 'ending';
  return (
    <div className="screen studio-screen" data-testid="studio" data-phase={session.phase}>
      <h1>{t('session.title')}</h1>
      {account.signedIn && <AccountBar account={account} canSignOut={!onAir && session.phase !== 'starting'} />}
      {session.recovery && session.phase !== 'live' && (
        <RecoveryBanner recovery={session.recovery} canResume={account.signedIn && session.phase === 'idle'} />
      )}
      {!account.signedIn && !onAir ? (
        <SignInPanel account={account} />
      ) : session.phase === 'ended' ? (
        <EndPage session={session} />
      ) : onAir ? (
        <LivePanel session={session} mediaPanel={media(true)} />
      ) : (
        <SetUpPanel session={session} mediaPanel={media(false)} />
      )}
      {session.phase !== 'ended' && <DestinationsPanel />}
      {account.signedIn && session.phase !== 'ended' && <CohostPanel />}
      {account.signedIn && session.phase !== 'ended' && <PkPanel />}
    </div>
  );
}
