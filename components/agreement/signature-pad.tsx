'use client';
// i18n-audience: borrower

import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import SignaturePad from 'signature_pad';
import { Button } from '@/components/ui/button';

export type DrawnSignature = { png: string; points: number; width: number; height: number };

/**
 * A box to sign with a finger or a mouse. Loaded only when the borrower chooses
 * to draw (the signing form imports it on demand); what is drawn is reported
 * after every stroke, so it stays when the form is refused.
 */
export default function SignatureBox({ error, onChange }: { error?: string; onChange: (drawn: DrawnSignature | undefined) => void }) {
  const t = useTranslations('signing');
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);

  useEffect(() => {
    const element = canvas.current!;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    element.width = element.offsetWidth * ratio;
    element.height = element.offsetHeight * ratio;
    element.getContext('2d')!.scale(ratio, ratio);
    const current = new SignaturePad(element, { penColor: '#0f172a', minWidth: 1, maxWidth: 2.5 });
    pad.current = current;
    return () => current.off();
  }, []);

  // After every stroke, the drawing so far.
  useEffect(() => {
    const current = pad.current;
    if (!current) return;
    const read = () => {
      if (current.isEmpty()) return onChange(undefined);
      const points = current.toData().flatMap((g) => g.points);
      const xs = points.map((p) => p.x);
      const ys = points.map((p) => p.y);
      onChange({ png: current.toDataURL('image/png'), points: points.length, width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) });
    };
    current.addEventListener('endStroke', read);
    return () => current.removeEventListener('endStroke', read);
  }, [onChange]);

  return (
    <div className="flex flex-col gap-1">
      <p id="signature-label" className="text-sm font-medium text-slate-800">
        {t('drawLabel')}
      </p>
      <canvas
        ref={canvas}
        role="img"
        aria-labelledby="signature-label"
        aria-describedby={error ? 'signature-error' : 'signature-hint'}
        className="h-40 w-full touch-none rounded-lg border border-slate-400 bg-white"
        data-testid="signature-pad"
      />
      <p id="signature-hint" className="text-sm text-slate-600">
        {t('drawHint')}
      </p>
      {error ? (
        <p id="signature-error" role="alert" className="text-sm font-medium text-danger-700">
          {error}
        </p>
      ) : null}
      <Button
        type="button"
        variant="ghost"
        className="self-start"
        onClick={() => {
          pad.current?.clear();
          onChange(undefined);
        }}
      >
        {t('clearDrawing')}
      </Button>
    </div>
  );
}
