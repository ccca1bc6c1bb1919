import { Card, Notice } from '@/components/ui/card';
import type { Ctx } from '@/lib/server/actor';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { listEvidenceBundles } from '@/lib/server/bundle/list-bundles';

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/** The case file's part for when mediation ends in court: the evidence bundle (supervisors and admins). */
export async function LitigationSection({ ctx, caseId }: { ctx: Ctx; caseId: string }) {
  const [t, format, { mayDownload, bundles }] = await Promise.all([getTranslations('staffLitigation'), getFormatter(), listEvidenceBundles(ctx.actor, caseId)]);
  return (
    <section aria-labelledby="litigation-heading" className="flex flex-col gap-3">
      <h2 id="litigation-heading" className="text-xl font-semibold">
        {t('title')}
      </h2>
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
