import { Card } from '@/components/ui/card';
import type { Actor } from '@/lib/server/actor';
import { formatMoney } from '@/lib/domain/money';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { listNotices } from '@/lib/server/notices/list-notices';

/** The notices the lender sent on this case, each to read as sent (sealed PDF), with what they mean in plain words. */
export async function BorrowerNotices({ actor, caseId, locale, timeZone }: { actor: Actor; caseId: string; locale: string; timeZone: string }) {
  const { notices } = await listNotices(actor, caseId);
  if (notices.length === 0) return null;
  const [t, format] = await Promise.all([getTranslations('litigation'), getFormatter({ timeZone })]);
  return (
    <Card aria-labelledby="notices-heading" className="flex flex-col gap-3">
      <h2 id="notices-heading" className="text-lg font-semibold">
        {t('notices.title')}
      </h2>
      <ul className="flex flex-col gap-3">
        {notices.map((n) => (
          <li key={n.id} className="flex flex-col gap-1 border-t border-slate-200 pt-2 first:border-t-0 first:pt-0">
            <p className="font-semibold">
              {t(`notices.kinds.${n.kind}`)} · {format.dateTime(new Date(n.sentAt!), { dateStyle: 'medium' })}
            </p>
            <p className="text-sm">{t(`notices.meaning.${n.kind}`)}</p>
            <p className="text-sm">{t('notices.amount', { amount: formatMoney(n.enforceableAmount, locale) })}</p>
            <a href={`/api/notices/${n.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
              {t('notices.read', { kind: t(`notices.names.${n.kind}`) })}
            </a>
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-700">{t('notices.stillMediate')}</p>
    </Card>
  );
}
