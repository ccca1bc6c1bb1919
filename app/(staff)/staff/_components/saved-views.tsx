'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { deleteViewAction, saveViewAction } from '../actions';

/** A staff member's saved views: open one, delete one, save the current view under a name. */
export function SavedViews({ views, current }: { views: { id: string; name: string; query: string }[]; current: string }) {
  const t = useTranslations('staffQueue');
  const errorText = useErrorText();
  const router = useRouter();
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="views-heading" className="flex flex-wrap items-end gap-x-4 gap-y-2 rounded-xl border border-slate-200 bg-white px-4 py-3">
      <h2 id="views-heading" className="min-h-11 py-2.5 font-semibold">
        {t('views')}
      </h2>
      {views.length === 0 ? <p className="min-h-11 py-3 text-sm text-slate-700">{t('noViews')}</p> : null}
      <ul className="flex flex-wrap gap-2">
        {views.map((v) => (
          <li key={v.id} className="flex items-center rounded-full border border-slate-300">
            <Link href={`/staff?${v.query}`} className={`min-h-11 px-3 py-3 text-sm underline ${v.query === current ? 'font-semibold text-brand-800' : 'text-brand-700'}`} aria-current={v.query === current ? 'page' : undefined}>
              {v.name}
            </Link>
            <button
              type="button"
              className="min-h-11 min-w-11 rounded-full text-slate-700 hover:bg-slate-100"
              aria-label={t('deleteView', { name: v.name })}
              onClick={async () => {
                await deleteViewAction({ viewId: v.id }).catch(() => null);
                router.refresh();
              }}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="ml-auto flex flex-wrap items-end gap-2"
        onSubmit={async (event) => {
          event.preventDefault();
          setError(undefined);
          setSaved(false);
          const result = await saveViewAction({ name, query: current }).catch(() => null);
          if (!result?.ok) return setError(errorText(result && !result.ok ? (result.fieldErrors.name ?? result.formError ?? 'errors.UNAVAILABLE') : 'errors.UNAVAILABLE'));
          setSaved(true);
          setName('');
          router.refresh();
        }}
      >
        <div className="w-56">
          <Field label={t('viewName')} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} error={error} />
        </div>
        <Button type="submit" variant="secondary">
          {t('saveView')}
        </Button>
        {saved ? (
          <p role="status" className="min-h-11 py-3 text-sm text-brand-800">
            {t('viewSaved')}
          </p>
        ) : null}
      </form>
    </section>
  );
}
