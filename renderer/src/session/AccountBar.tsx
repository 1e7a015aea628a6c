// Who is signed in, where, with the viewer page's address and the sign-out button.
import { useTranslation } from 'react-i18next';
import type { AccountState } from '../../../main/contract';
import { useStudio } from '../api/StudioProvider';

export function AccountBar({ account, canSignOut }: { account: AccountState; canSignOut: boolean }) {
  const { t } = useTranslation();
  const client = useStudio();
  return (
    <div className="account-bar" data-testid="account-bar">
      <span data-testid="signed-in-as">
        {t('session.account.signedInAs', { name: account.nickname ?? account.userId, userId: account.userId })}
      </span>
      <span className="hint">
        {account.mode === 'local' ? t('session.account.localMode') : t('session.account.cloudMode')}
      </span>
      {account.sdkAppId !== null && (
        <span className="hint" data-testid="sdk-app-id">
          {t('session.account.sdkAppId', { id: account.sdkAppId })}
        </span>
      )}
      {account.balance !== null && (
        <span className="hint">{t('session.account.balance', { balance: account.balance })}</span>
      )}
      {account.viewerUrl && (
        <a href={account.viewerUrl} target="_blank" rel="noreferrer" data-testid="viewer-url">
          {t('session.account.viewerPage')}
        </a>
      )}
      <button
        type="button"
        disabled={!canSignOut}
        onClick={() => void client.call('account.signOut', {})}
        data-testid="sign-out"
      >
        {t('session.account.signOut')}
      </button>
    </div>
  );
}
