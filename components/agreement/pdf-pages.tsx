'use client';
// i18n-audience: borrower

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';

/**
 * Shows a PDF's pages in the page itself (pdf.js onto canvases sized to the
 * screen): the exact bytes the borrower signs, for whoever wants to see them
 * beside the readable text. Loaded only when asked for (pdf.js is heavy).
 */
export default function PdfPages({ url, downloadUrl, downloadLabel, title }: { url: string; downloadUrl: string; downloadLabel: string; title: string }) {
  const t = useTranslations('signing');
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [pages, setPages] = useState(0);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const pdfjs = await import('pdfjs-dist');
        pdfjs.GlobalWorkerOptions.workerSrc = '/vendor/pdf.worker.min.mjs';
        const data = new Uint8Array(await (await fetch(url, { credentials: 'same-origin' })).arrayBuffer());
        const doc = await pdfjs.getDocument({ data, isEvalSupported: false }).promise;
        if (cancelled || !container.current) return;
        container.current.replaceChildren();
        const width = container.current.clientWidth - 16 || 320;
        for (let n = 1; n <= doc.numPages; n++) {
          const page = await doc.getPage(n);
          const base = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: (width / base.width) * (window.devicePixelRatio || 1) });
          const canvas = document.createElement('canvas');
          canvas.width = viewport.width;
          canvas.height = viewport.height;
          canvas.style.width = '100%';
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', t('pageOf', { page: n, pages: doc.numPages }));
          canvas.className = 'mb-2 rounded border border-slate-300 bg-white';
          container.current?.appendChild(canvas);
          await page.render({ canvasContext: canvas.getContext('2d')!, viewport }).promise;
          if (cancelled) return;
        }
        setPages(doc.numPages);
        setState('ready');
      } catch {
        if (!cancelled) setState('failed');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [url, t]);

  return (
    // Not a landmark of its own: it sits in the card that the same title already names (two regions of one name).
    <div className="flex flex-col gap-2">
      <p role="status" className="text-sm text-slate-700">
        {state === 'loading' ? t('loadingDocument') : state === 'failed' ? t('documentFailed') : t('documentPages', { pages })}
      </p>
      {/* Focusable so keyboard users can scroll it (WCAG 2.1.1); a group, so that its name is allowed (a plain div may not carry one). */}
      <div ref={container} tabIndex={0} role="group" aria-label={title} data-testid="pdf-pages" className="max-h-[70vh] overflow-y-auto rounded-lg bg-slate-100 p-2" />
      <a href={downloadUrl} className="text-brand-700 underline">
        {downloadLabel}
      </a>
    </div>
  );
}
