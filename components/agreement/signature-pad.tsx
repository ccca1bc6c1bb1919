'use client';

import { useTranslations } from 'next-intl';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import SignaturePad from 'signature_pad';
import { Button } from '@/components/ui/button';

export type DrawnSignature = { png: string; points: number; width: number; height: number };
export type SignaturePadHandle = { read: () => DrawnSignature | undefined };

/** A box to sign with a finger or a mouse; what is drawn stays when the form is refused. */
export const SignatureBox = forwardRef<SignaturePadHandle, { error?: string }>(function SignatureBox({ error }, ref) {
  const t = useTranslations('signing');
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);

  useEffect(() => {
    const element = canvas.current!;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    element.width = element.offsetWidth * ratio;
    element.height = element.offsetHeight * ratio;
    element.getContext('2d')!.scale(ratio, ratio);
    pad.current = new SignaturePad(element, { penColor: '#0f172a', minWidth: 1, maxWidth: 2.5 });
    return () => pad.current?.off();
  }, []);

  useImperativeHandle(ref, () => ({
    read() {
      const current = pad.current;
      if (!current || current.isEmpty()) return undefined;
      const groups = current.toData();
      const points = groups.flatMap((g) => g.points);
      const xs = points.map((p) => p.x);
      const ys = points.map((p) => p.y);
      return { png: current.toDataURL('image/png'), points: points.length, width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
    },
  }));

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
      />
      <p id="signature-hint" className="text-sm text-slate-600">
        {t('drawHint')}
      </p>
      {error ? (
        <p id="signature-error" role="alert" className="text-sm font-medium text-danger-700">
          {error}
        </p>
      ) : null}
      <Button type="button" variant="ghost" className="self-start" onClick={() => pad.current?.clear()}>
        {t('clearDrawing')}
      </Button>
    </div>
  );
});
