import type { Metadata } from 'next';
import { BackLink } from '@/components/back-link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Button } from '@/components/ui/button';
import { Card, Notice } from '@/components/ui/card';
import { orNotFound } from '@/app/_lib/or-not-found';
import { requireBorrower } from '@/lib/auth/session';
import { addDays } from '@/lib/domain/dates';
import { formatMoney } from '@/lib/domain/money';
import { formatDay } from '@/lib/i18n/days';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { getDelayOptions } from '@/lib/server/plans/request-delay';
import { isAppError } from '@/lib/server/errors';
import { redirect } from 'next/navigation';
import { DelayConfirm } from './_components/delay-confirm';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('planDelay'))('title') };
}

/**
 * The one-time delay, from the borrower's own page: choose the new date (a plain GET form, so it works without
 * JavaScript), see exactly what changes, then confirm. Refused, with the reason, once it has been used.
 */
export default async function DelayPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ days?: string; done?: string }> }) {
  const { actor } = await requireBorrower();
  const { id } = await params;
  const { days: rawDays, done } = await searchParams;
  const chosen = rawDays && /^\d{1,2}$/.test(rawDays) ? Number(rawDays) : undefined;
  const [options, t, tv, format, locale] = await Promise.all([orNotFound(getDelayOptions(actor, id, chosen)).catch((error: unknown) => (isAppError(error) && error.code === 'NO_PLAN' ? redirect(`/cases/${id}`) : Promise.reject(error))), getTranslations('planDelay'), getTranslations('validation'), getFormatter(), getLocale()]);
  const date = (iso: string) => formatDay(iso, locale, 'long');
  // A choice's day, short enough for a phone's closed select to show whole (it cut "December 18, 2026 (Fri), 14 da…"):
  // the window is at most 31 days, so month and day name it.
  const shortDay = (iso: string) => formatDay(iso, locale, 'shortWeekday');
  const money = (fen: number) => formatMoney(fen, locale);
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-6">
      <BackLink href={`/cases/${id}`}>{t('back')}</BackLink>
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      {!options.available && options.used && done === '1' ? (
        // Just confirmed (the confirmation comes back here): the answer alone, nothing left to choose.
        <Notice role="status">
          <p className="font-semibold">{t('done', { date: date(options.used.toDate) })}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            {options.used.addendumId ? (
              <a href={`/api/plan-documents/${options.used.addendumId}`} className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-medium text-white">
                {t('addendum')}
              </a>
            ) : null}
            <a href={`/cases/${id}`} className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 font-medium">
              {t('backToPlan')}
            </a>
          </div>
        </Notice>
      ) : !options.available ? (
        <Notice tone="warn" role="status">
          <p className="font-semibold">{t('refused')}</p>
          <p className="mt-1">{tv(options.reason)}</p>
          {options.used ? <p className="mt-1">{t('usedOn', { from: date(options.used.fromDate), to: date(options.used.toDate), on: format.dateTime(new Date(options.used.at), { dateStyle: 'long' }) })}</p> : null}
          {options.used?.addendumId ? (
            <a href={`/api/plan-documents/${options.used.addendumId}`} className="mt-2 inline-block text-brand-700 underline">
              {t('addendum')}
            </a>
          ) : null}
        </Notice>
      ) : (
        <>
          <p className="text-slate-700">{t('intro', { days: options.window.maxDays })}</p>
          <Card aria-labelledby="choose-heading">
            <h2 id="choose-heading" className="text-lg font-semibold">
              {t('chooseTitle', { n: options.window.seq, date: date(options.window.from), amount: money(options.window.outstanding) })}
            </h2>
            <form method="get" className="mt-3 flex flex-col gap-3">
              <label htmlFor="delay-days" className="text-sm font-medium">
                {t('newDate')}
              </label>
              <select id="delay-days" name="days" defaultValue={String(options.effect?.days ?? options.window.maxDays)} className="min-h-11 rounded-lg border border-slate-400 bg-white px-3">
                {Array.from({ length: options.window.maxDays - options.window.minDays + 1 }, (_, i) => options.window.minDays + i).map((d) => (
                  <option key={d} value={d}>
                    {t('option', { date: shortDay(addDays(options.window.from, d)), days: d })}
                  </option>
                ))}
              </select>
              <Button type="submit" variant="secondary" className="self-start">
                {t('preview')}
              </Button>
            </form>
          </Card>
          {options.effect ? (
            <Card aria-labelledby="effect-heading">
              <h2 id="effect-heading" className="text-lg font-semibold">
                {t('effectTitle')}
              </h2>
              <ul className="mt-2 flex list-disc flex-col gap-1 pl-5 text-sm">
                <li>{t('effectMove', { n: options.effect.seq, from: date(options.effect.from), to: date(options.effect.to), days: options.effect.days })}</li>
                <li>{t('effectAmount', { amount: money(options.effect.outstanding) })}</li>
                <li>{t('effectGrace', { date: date(options.effect.graceEnds) })}</li>
                <li>{options.effect.following ? t('effectNext', { n: options.effect.following.seq, date: date(options.effect.following.dueDate) }) : t('effectLast', { date: date(options.effect.to) })}</li>
                <li className="font-semibold">{t('effectOnce')}</li>
              </ul>
              <div className="mt-3">
                <ClientMessages namespaces={['planDelay']}>
                  <DelayConfirm caseId={id} days={options.effect.days} newDate={date(options.effect.to)} />
                </ClientMessages>
              </div>
            </Card>
          ) : null}
        </>
      )}
    </main>
  );
}
