import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BackLink } from '@/components/back-link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { formatMoney } from '@/lib/domain/money';
import { instantFormat } from '@/lib/i18n/config';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { isAppError } from '@/lib/server/errors';
import { getImportBatch, getImportPreview, type ImportBatchDto, type ImportChange } from '@/lib/server/imports/import-batches';
import { BatchActions, FollowProgress } from '../_components/batch-actions';
import { DataTable } from '@/components/ui/data-table';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('staffImport'))('title') };
}

/** The missing columns of a header are kept as the columns' keys: named here in the reader's language. */
function problemParams(problem: NonNullable<ImportBatchDto['problem']>, columnName: (column: string) => string) {
  const params = { ...(problem.params ?? {}) };
  if (problem.key === 'header' && typeof params.missing === 'string' && params.missing !== '—') params.missing = params.missing.split(', ').map(columnName).join(', ');
  return params;
}

const working: ImportBatchDto['status'][] = ['uploading', 'uploaded', 'validating', 'importing'];
const shownErrors = 100;

/**
 * One import: the file (name, size, encoding, SHA-256), the progress while a job works on it (rows read, valid,
 * with problems, imported), then the preview — rows with problems (row, column, reason), loans that change and
 * how, the first new loans — with confirm and discard, and the error report to download.
 */
export default async function ImportBatchPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireStaff(['admin']);
  const { id } = await params;
  const batch = await getImportBatch(actor, id).catch((error) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const previewed = batch.status === 'previewed' || batch.status === 'failed' || batch.status === 'imported';
  const [preview, t, format, locale] = await Promise.all([previewed ? getImportPreview(actor, id, { limit: shownErrors }) : null, getTranslations('staffImport'), getFormatter(), getLocale()]);
  const n = (value: number) => format.number(value);

  // Payments and the schedule are counted, so a count alone would hide what changes: the new payments are named,
  // and a schedule of as many installments as before says that its dates or amounts differ.
  const changeCells = (change: ImportChange) => {
    if (change.field === 'payments') {
      const added = (change.added ?? []).map((p) => t('paymentListed', { date: p.date, amount: formatMoney(p.amountFen, locale) })).join(t('listSeparator'));
      const more = Number(change.to) - Number(change.from) - (change.added?.length ?? 0);
      return { from: t('paymentCount', { count: Number(change.from) }), to: <>{t('paymentCount', { count: Number(change.to) })}{added ? <span className="block text-slate-700">{t('paymentsAdded', { list: added, more })}</span> : null}</> };
    }
    if (change.field === 'schedule') return { from: t('installmentCount', { count: Number(change.from) }), to: change.from === change.to ? t('installmentsDiffer', { count: Number(change.to) }) : t('installmentCount', { count: Number(change.to) }) };
    return { from: change.from, to: change.to };
  };
  const importable = batch.counts.new + batch.counts.updated;
  const c = batch.counts;
  const counts: [string, number][] =
    batch.status === 'imported'
      ? [
          ['countImported', c.imported],
          ['countCases', c.casesOpened],
          ['countBorrowers', c.borrowersCreated],
          ['countInvitations', c.invitations],
          ['countInvalid', c.invalid],
        ]
      : [
          ['countRead', c.read],
          ['countValid', c.valid],
          ['countInvalid', c.invalid],
        ];
  return (
    <main id="main" className="mx-auto flex max-w-5xl flex-col gap-5 px-4 py-6">
      <BackLink href="/staff/admin/import">{t('back')}</BackLink>
      <h1 className="text-2xl font-bold break-all">{t('batchTitle', { filename: batch.filename })}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">{t('factCreditor')}</dt>
        <dd>{locale === 'en' ? batch.creditorNameEn : batch.creditorName}</dd>
        <dt className="text-slate-600">{t('factSize')}</dt>
        <dd>{t('sizeKb', { size: format.number(Math.ceil(batch.size / 1024)) })}</dd>
        <dt className="text-slate-600">{t('factEncoding')}</dt>
        <dd>{batch.encoding?.toUpperCase() ?? '—'}</dd>
        <dt className="text-slate-600">{t('factSha')}</dt>
        <dd className="font-mono text-xs break-all">{batch.sha256 ?? '—'}</dd>
        <dt className="text-slate-600">{t('factUploaded')}</dt>
        <dd>
          {batch.uploadedBy}, {format.dateTime(new Date(batch.createdAt), instantFormat)}
        </dd>
      </dl>

      <section aria-labelledby="progress" className="flex flex-col gap-2">
        <h2 id="progress" className="text-lg font-semibold">
          {t('progress')}
        </h2>
        <p role="status" className="font-medium">
          {t(`status.${batch.status}`)}
          {batch.stage && working.includes(batch.status) ? ` — ${t(`stage.${batch.stage as 'queued'}`)}` : ''}
        </p>
        <dl className="flex flex-wrap gap-3">
          {counts.map(([key, value]) => (
            <div key={key} className="min-w-36 rounded-lg border border-slate-200 bg-white px-3 py-2">
              <dt className="text-sm text-slate-600">{t(key)}</dt>
              <dd className="text-xl font-semibold tabular-nums">{n(value)}</dd>
            </div>
          ))}
        </dl>
        {batch.problem ? (
          <Notice tone="error" role="alert">
            {t(`fileProblem.${batch.problem.key as 'empty'}`, problemParams(batch.problem, (column) => t(`column.${column as 'row'}`)))}
          </Notice>
        ) : null}
        {batch.status === 'imported' ? <Notice>{t('done', { imported: c.imported, cases: c.casesOpened, borrowers: c.borrowersCreated, invitations: c.invitations })}</Notice> : null}
        {working.includes(batch.status) ? (
          <ClientMessages namespaces={['staffImport']}>
            <FollowProgress />
          </ClientMessages>
        ) : null}
      </section>

      {preview && batch.status !== 'imported' ? (
        <Card aria-labelledby="preview-heading" className="flex flex-col gap-3">
          <h2 id="preview-heading" className="text-lg font-semibold">
            {t('previewHeading')}
          </h2>
          <p>{t('previewIntro', { valid: c.valid, new: c.new, updated: c.updated, unchanged: c.unchanged, invalid: c.invalid })}</p>
          {importable === 0 ? <Notice tone="warn">{t('nothingToImport')}</Notice> : null}
          <ClientMessages namespaces={['staffImport']}>
            <BatchActions batchId={batch.id} importable={importable} invalid={c.invalid} confirmable={importable > 0} cancellable />
          </ClientMessages>
        </Card>
      ) : null}
      {batch.status === 'refused' ? (
        <ClientMessages namespaces={['staffImport']}>
          <BatchActions batchId={batch.id} importable={0} invalid={c.invalid} confirmable={false} cancellable />
        </ClientMessages>
      ) : null}

      {preview && preview.errors.length ? (
        <section aria-labelledby="errors-heading" className="flex flex-col gap-2">
          <h2 id="errors-heading" className="text-lg font-semibold">
            {t('errorsHeading')}
          </h2>
          <p className="text-sm text-slate-700">{t('errorsIntro')}</p>
          <a className="self-start text-brand-700 underline" href={`/api/imports/${batch.id}/errors`} download>
            {t('errorReport')}
          </a>
          {c.invalid > preview.errors.length ? <p className="text-sm text-slate-700">{t('moreErrors', { shown: n(preview.errors.length), total: n(c.invalid) })}</p> : null}
          <DataTable
            caption={t('errorsHeading')}
            columns={[
              { id: 'line', header: t('colLine'), nowrap: true, className: 'tabular-nums' },
              { id: 'column', header: t('colColumn'), nowrap: true },
              { id: 'problem', header: t('colProblem') },
            ]}
            rows={preview.errors.flatMap((e) =>
              e.problems.map((p, i) => ({
                id: `${e.line}-${i}`,
                cells: { line: i === 0 ? e.line : '', column: t(`column.${p.column as 'row'}`), problem: t(`problem.${p.key as 'required'}`, p.params ?? {}) },
              })),
            )}
          />
        </section>
      ) : null}

      {preview && preview.changes.length && batch.status !== 'imported' ? (
        <section aria-labelledby="changes-heading" className="flex flex-col gap-2">
          <h2 id="changes-heading" className="text-lg font-semibold">
            {t('changesHeading')}
          </h2>
          <DataTable
            caption={t('changesHeading')}
            columns={[
              { id: 'line', header: t('colLine'), nowrap: true, className: 'tabular-nums' },
              { id: 'contract', header: t('colContract'), nowrap: true },
              { id: 'field', header: t('colField') },
              { id: 'from', header: t('colFrom'), className: 'break-all' },
              { id: 'to', header: t('colTo'), className: 'break-all' },
            ]}
            rows={preview.changes.flatMap((row) =>
              row.changes.map((change, i) => ({
                id: `${row.line}-${change.field}`,
                cells: { line: i === 0 ? row.line : '', contract: i === 0 ? row.contractNo : '', field: t(`column.${change.field as 'row'}`), ...changeCells(change) },
              })),
            )}
          />
        </section>
      ) : null}

      {preview && preview.newRows.length && batch.status !== 'imported' ? (
        <section aria-labelledby="new-heading" className="flex flex-col gap-2">
          <h2 id="new-heading" className="text-lg font-semibold">
            {t('newHeading', { shown: n(preview.newRows.length) })}
          </h2>
          <DataTable
            caption={t('newHeading', { shown: n(preview.newRows.length) })}
            columns={[
              { id: 'line', header: t('colLine'), nowrap: true, className: 'tabular-nums' },
              { id: 'contract', header: t('colContract'), nowrap: true },
              { id: 'name', header: t('colName') },
              { id: 'dpd', header: t('colDpd'), align: 'right', className: 'tabular-nums' },
              { id: 'arrears', header: t('colArrears'), align: 'right', className: 'tabular-nums' },
              { id: 'invite', header: t('colInvite') },
            ]}
            rows={preview.newRows.map((row) => ({
              id: String(row.line),
              cells: { line: row.line, contract: row.contractNo, name: row.name, dpd: n(row.dpd), arrears: formatMoney(row.arrears, locale), invite: t(`invite.${row.inviteBy as 'sms'}`) },
            }))}
          />
        </section>
      ) : null}
    </main>
  );
}
