import { Card, Notice } from '@/components/ui/card';
import type { Ctx } from '@/lib/server/actor';
import { formatDay } from '@/lib/i18n/days';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { contactRuleName } from '@/lib/i18n/contact-rule';
import { listEvidenceBundles } from '@/lib/server/bundle/list-bundles';
import { listNotices } from '@/lib/server/notices/list-notices';
import { formatMoney } from '@/lib/domain/money';
import { ConfirmationSection } from './confirmation-section';
import { DecideNoticeForm, PrepareNoticeForm } from './notice-forms';

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/** The case file's part for when mediation ends in court: the evidence bundle (supervisors and admins). */
export async function LitigationSection({ ctx, caseId, canAct, locale }: { ctx: Ctx; caseId: string; canAct: boolean; locale: string }) {
  const [t, tCase, format, { mayDownload, bundles }, { notices, next }] = await Promise.all([getTranslations('staffLitigation'), getTranslations('staffCaseFile'), getFormatter(), listEvidenceBundles(ctx.actor, caseId), listNotices(ctx.actor, caseId)]);
  const actor = ctx.actor.type === 'staff' ? ctx.actor : null;
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }) : '');
  return (
    <section aria-labelledby="litigation-heading" className="flex flex-col gap-3">
      <h2 id="litigation-heading" className="text-xl font-semibold">
        {t('title')}
      </h2>
      <ConfirmationSection ctx={ctx} caseId={caseId} canAct={canAct} locale={locale} />
      <Card aria-labelledby="notices-heading" className="flex flex-col gap-3">
        <h3 id="notices-heading" className="text-lg font-semibold">
          {t('notices.title')}
        </h3>
        <p className="text-sm text-slate-700">{t('notices.intro')}</p>
        {notices.length === 0 ? (
          <p className="text-sm text-slate-700">{t('notices.none')}</p>
        ) : (
          <ul className="flex flex-col gap-3" data-testid="notice-list">
            {notices.map((n) => (
              <li key={n.id} className="rounded-lg border border-slate-200 p-3 text-sm">
                <p className="font-semibold">
                  {t(`notices.titles.${n.kind}`)} · {t(`notices.status.${n.status}`)} · {t(`notices.channels.${n.channel as 'letter'}`)}
                </p>
                <p>{t('notices.amount', { amount: formatMoney(n.enforceableAmount, locale), date: formatDay(n.asOf, locale) })}</p>
                <p className="text-slate-700">
                  {t('notices.prepared', { name: n.preparedBy, date: when(n.preparedAt) })}
                  {n.decidedBy ? ` · ${t(n.status === 'rejected' ? 'notices.rejectedBy' : 'notices.approved', { name: n.decidedBy, date: when(n.decidedAt) })}` : ''}
                  {n.sentAt ? ` · ${t('notices.sentAt', { date: when(n.sentAt) })}` : ''}
                </p>
                {n.blockedRule ? <p className="text-warn-800">{t('notices.blocked', { rule: contactRuleName(tCase, n.blockedRule) })}{n.nextAllowedAt ? ` ${t('notices.nextAllowed', { date: when(n.nextAllowedAt) })}` : ''}</p> : null}
                {n.decisionNote ? <p className="text-slate-700">{t('notices.noteShown', { note: n.decisionNote })}</p> : null}
                <p>
                  <a href={`/api/notices/${n.id}`} className="text-brand-700 underline">
                    {t('notices.download')}
                  </a>{' '}
                  <span className="font-mono text-xs text-slate-600">SHA-256 {n.sha256.slice(0, 16)}…</span>
                </p>
                {n.status === 'pending_approval' && actor?.role === 'supervisor' && canAct ? <DecideNoticeForm caseId={caseId} noticeId={n.id} mode="approve" /> : null}
                {n.status === 'pending_approval' && actor?.role !== 'supervisor' ? <p className="text-slate-700">{t('notices.waitsForSupervisor')}</p> : null}
                {n.status === 'blocked' && canAct ? <DecideNoticeForm caseId={caseId} noticeId={n.id} mode="resend" /> : null}
              </li>
            ))}
          </ul>
        )}
        {next && 'earliest' in next ? (
          <div className="flex flex-col gap-2 border-t border-slate-200 pt-3">
            <p className="text-sm">
              {t('notices.next', { kind: t(`notices.kinds.${next.kind}`), date: when(next.earliest) })}
              {next.approval ? ` ${t('notices.needsApproval')}` : ''}
            </p>
            {canAct ? <PrepareNoticeForm caseId={caseId} kind={next.kind} /> : null}
          </div>
        ) : next && 'waiting' in next ? (
          <p className="text-sm text-slate-700">{t(`notices.waiting.${next.waiting}`)}</p>
        ) : null}
      </Card>
      <Card aria-labelledby="bundle-heading" className="flex flex-col gap-2">
        <h3 id="bundle-heading" className="text-lg font-semibold">
          {t('bundle.title')}
        </h3>
        <p className="text-sm text-slate-700">{t('bundle.intro')}</p>
        {mayDownload ? (
          <>
            <p>
              <a href={`/api/cases/${caseId}/bundle`} download className="inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
                {t('bundle.download')}
              </a>
            </p>
            <h4 className="font-semibold">{t('bundle.history')}</h4>
            {bundles.length === 0 ? (
              <p className="text-sm text-slate-700">{t('bundle.none')}</p>
            ) : (
              <ul className="flex flex-col gap-1 text-sm" data-testid="bundle-history">
                {bundles.map((b) => (
                  <li key={b.id}>
                    {t('bundle.row', { date: format.dateTime(new Date(b.createdAt), { dateStyle: 'medium', timeStyle: 'short' }), name: b.createdBy, files: b.files, size: size(b.totalBytes) })}{' '}
                    <span className="font-mono text-xs text-slate-600">{t('bundle.manifest', { sha: `${b.manifestSha256.slice(0, 16)}…` })}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <Notice>{t('bundle.supervisorsOnly')}</Notice>
        )}
      </Card>
    </section>
  );
}
