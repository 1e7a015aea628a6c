// A screen whose content arrives with its own area; until then it says plainly what it will hold.
import { useTranslation } from 'react-i18next';

export function IntroScreen({ titleKey, introKey }: { titleKey: string; introKey: string }) {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <h1>{t(titleKey)}</h1>
      <p className="hint">{t(introKey)}</p>
    </div>
  );
}
