'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import type { NoticeChannel, NoticeKind } from '@/lib/domain/notice-sequence';
import { noticeChannels } from '@/lib/domain/notice-sequence';
import { useActionSubmit } from '@/components/forms/use-action-submit';
import type { ActionResult } from '@/lib/server/action-result';
import { decideNoticeAction, prepareNoticeAction } from '../litigation-actions';

/** A notice's action through the one form hook; its answer (the notice's new status) described in words. */
function useNoticeAction() {
  const f = useActionSubmit();
  const [done, setDone] = useState<string>();
  const run = (call: () => Promise<ActionResult<string>>, describe: (status: string) => string) => {
    setDone(undefined);
    return f.submit(call, (status) => setDone(describe(status)));
  };
  // One message for the form: the first field's, or the form's own.
  return { busy: f.busy, error: Object.values(f.errors).find(Boolean) ?? f.formError, done, run };
}

/** Prepares the next notice of the sequence, through the channel chosen. */
export function PrepareNoticeForm({ caseId, kind }: { caseId: string; kind: NoticeKind }) {
  const t = useTranslations('staffLitigation');
  const [channel, setChannel] = useState<NoticeChannel>('letter');
  const { busy, error, done, run } = useNoticeAction();
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => prepareNoticeAction({ caseId, kind, channel }), (status) => t(`notices.result.${status as 'sent'}`));
      }}
    >
      <fieldset className="flex flex-wrap gap-4">
        <legend className="text-sm font-medium">{t('notices.channel')}</legend>
        {noticeChannels.map((c) => (
          <label key={c} className="flex min-h-11 items-center gap-2">
            <input type="radio" name="channel" value={c} checked={channel === c} onChange={() => setChannel(c)} />
            {t(`notices.channelChoices.${c}`)}
          </label>
        ))}
      </fieldset>
      <FormError message={error} />
      {done ? (
        <p role="status" className="text-sm font-medium text-ok-700">
          {done}
        </p>
      ) : null}
      <Button type="submit" disabled={busy} className="self-start">
        {busy ? t('notices.preparing') : t('notices.prepare', { kind: t(`notices.kinds.${kind}`) })}
      </Button>
    </form>
  );
}

/** A supervisor approves (it goes out) or rejects (with a reason) a notice waiting for approval; anyone working the case sends a held-back one again. */
export function DecideNoticeForm({ caseId, noticeId, mode }: { caseId: string; noticeId: string; mode: 'approve' | 'resend' }) {
  const t = useTranslations('staffLitigation');
  const [note, setNote] = useState('');
  const { busy, error, done, run } = useNoticeAction();
  const describe = (status: string) => t(`notices.result.${status as 'sent'}`);
  return (
    <div className="flex flex-col gap-2">
      {mode === 'approve' ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={`note-${noticeId}`} className="text-sm font-medium">
            {t('notices.note')}
          </label>
          <input id={`note-${noticeId}`} value={note} onChange={(e) => setNote(e.target.value)} className="min-h-11 rounded-lg border border-slate-400 px-3" />
        </div>
      ) : null}
      <FormError message={error} />
      {done ? (
        <p role="status" className="text-sm font-medium text-ok-700">
          {done}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="button" disabled={busy} onClick={() => void run(() => decideNoticeAction({ caseId, noticeId, decision: 'approve', note }), describe)}>
          {mode === 'approve' ? t('notices.approve') : t('notices.resend')}
        </Button>
        {mode === 'approve' ? (
          <Button type="button" variant="secondary" disabled={busy} onClick={() => void run(() => decideNoticeAction({ caseId, noticeId, decision: 'reject', note }), describe)}>
            {t('notices.reject')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
