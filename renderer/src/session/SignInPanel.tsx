// Sign in, or create an account and sign in with it in one step; local (built-in platform) or cloud mode.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountState } from '../../../main/contract';
import { useStudio } from '../api/StudioProvider';

export function SignInPanel({ account }: { account: AccountState }) {
  const { t } = useTranslation();
  const client = useStudio();
  const [tab, setTab] = useState<'create' | 'signIn'>('create');
  const [userId, setUserId] = useState('');
  const [password, setPassword] = useState('');
  const [nickname, setNickname] = useState('');
  const [serverUrl, setServerUrl] = useState(account.mode === 'cloud' ? (account.serverUrl ?? '') : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() =>
      tab === 'create'
        ? client.call('account.create', { userId, password, nickname: nickname || userId })
        : client.call('account.signIn', { userId, password }),
    );
  };

  return (
    <section className="panel sign-in" data-testid="sign-in">
      <h2>{t('session.signIn.title')}</h2>
      <div className="mode-row">
        <label>
          <input
            type="radio"
            name="mode"
            checked={account.mode === 'local'}
            onChange={() => void run(() => client.call('account.setMode', { mode: 'local' }))}
            disabled={busy}
          />{' '}
          {t('session.signIn.local')}
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={account.mode === 'cloud'}
            onChange={() => serverUrl && void run(() => client.call('account.setMode', { mode: 'cloud', serverUrl }))}
            disabled={busy}
          />{' '}
          {t('session.signIn.cloud')}
        </label>
        <input
          data-testid="server-url"
          placeholder={t('session.signIn.serverUrlPlaceholder')}
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
          aria-label={t('session.signIn.serverUrl')}
        />
        <button
          type="button"
          disabled={busy || !serverUrl}
          onClick={() => void run(() => client.call('account.setMode', { mode: 'cloud', serverUrl }))}
        >
          {t('session.signIn.useServer')}
        </button>
      </div>
      <p className="hint" data-testid="server">
        {account.serverUrl ? t('session.signIn.server', { url: account.serverUrl }) : null}
      </p>
      {account.serverProblem && (
        <p className="warning" role="alert">
          {account.serverProblem}
        </p>
      )}
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'create'}
          className={tab === 'create' ? 'active' : ''}
          onClick={() => setTab('create')}
          data-testid="tab-create"
        >
          {t('session.signIn.createTab')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'signIn'}
          className={tab === 'signIn' ? 'active' : ''}
          onClick={() => setTab('signIn')}
          data-testid="tab-sign-in"
        >
          {t('session.signIn.signInTab')}
        </button>
      </div>
      <form onSubmit={submit} className="form-grid">
        <label>
          {t('session.signIn.userId')}
          <input
            data-testid="user-id"
            autoComplete="username"
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            required
            minLength={3}
            maxLength={32}
          />
        </label>
        <label>
          {t('session.signIn.password')}
          <input
            data-testid="password"
            type="password"
            autoComplete={tab === 'create' ? 'new-password' : 'current-password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            minLength={6}
          />
        </label>
        {tab === 'create' && (
          <label>
            {t('session.signIn.nickname')}
            <input
              data-testid="nickname"
              value={nickname}
              onChange={(e) => setNickname(e.target.value)}
              maxLength={40}
            />
          </label>
        )}
        <button className="primary" type="submit" disabled={busy} data-testid="sign-in-submit">
          {busy
            ? t('session.signIn.working')
            : tab === 'create'
              ? t('session.signIn.createAndSignIn')
              : t('session.signIn.signIn')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
    </section>
  );
}
