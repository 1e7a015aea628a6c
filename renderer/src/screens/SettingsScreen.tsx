import { useTranslation } from 'react-i18next';
import { SystemPanel } from '../components/SystemPanel';
import { languages, setLanguage } from '../i18n';
import { SafetySettings } from '../safety/SafetySettings';
import { AlertSettings } from '../onstream/AlertSettings';
import { WidgetSettings } from '../onstream/WidgetSettings';
import { HotkeySettings } from '../controlSurfaces/HotkeySettings';
import { ObsWebSocketSettings } from '../controlSurfaces/ObsWebSocketSettings';
import { UpdatesAndLogs } from '../settings/UpdatesAndLogs';

export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  return (
    <div className="screen settings-screen">
      <h1>{t('settings.title')}</h1>
      <section className="panel">
        <label>
          {t('app.language')}{' '}
          <select data-testid="language" value={i18n.language} onChange={(e) => setLanguage(e.target.value)}>
            {languages.map((l) => (
              <option key={l.code} value={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <p className="hint">{t('settings.languageHint')}</p>
      </section>
      <AlertSettings />
      <WidgetSettings />
      <SafetySettings />
      <ObsWebSocketSettings />
      <HotkeySettings />
      <UpdatesAndLogs />
      <SystemPanel />
    </div>
  );
}
