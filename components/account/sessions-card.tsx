import { Card } from '@/components/ui/card';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { SessionDto } from '@/lib/server/auth/sessions';
import { SignOutEverywhere } from './sign-out-everywhere';

const browsers: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/MicroMessenger/, 'WeChat'],
  [/Firefox\//, 'Firefox'],
  [/Chrom(e|ium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const systems: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iOS/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/HarmonyOS/, 'HarmonyOS'],
  [/Linux/, 'Linux'],
];

/** "Chrome on Android": enough to recognise one's own phone, from the browser's own description. */
function describe(userAgent: string | null): { browser: string; system: string } | null {
  if (!userAgent) return null;
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  return browser && system ? { browser, system } : null;
}

/** The signed-in person's open sessions, newest first, this one marked, and a way to end them all (borrowers and staff alike). */
export async function SessionsCard({ sessions, signInPage }: { sessions: SessionDto[]; signInPage: string }) {
  const [t, format] = await Promise.all([getTranslations('account'), getFormatter()]);
  return (
    <Card aria-labelledby="sessions-heading" className="flex flex-col gap-3">
      <h2 id="sessions-heading" className="text-lg font-semibold">
        {t('sessionsTitle')}
      </h2>
      <p className="text-sm text-slate-700">{t('sessionsIntro')}</p>
      <ul className="flex flex-col gap-2" aria-label={t('sessionsLabel')}>
        {sessions.map((s) => {
          const device = describe(s.userAgent);
          return (
            <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <p className="font-medium">
                {device ? t('browserOn', device) : t('unknownBrowser')}
                {s.current ? <span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">{t('thisDevice')}</span> : null}
              </p>
              <p className="text-slate-700">
                {t('signedInAt', { date: format.dateTime(new Date(s.createdAt), { dateStyle: 'medium', timeStyle: 'short' }) })}
                {s.ip ? ` · ${t('from', { ip: s.ip })}` : ''}
              </p>
            </li>
          );
        })}
      </ul>
      <SignOutEverywhere signInPage={signInPage} />
    </Card>
  );
}
