'use client';
// i18n-audience: borrower

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

// pdf.js is large: it loads only when the borrower asks to see the PDF in the page.
const PdfPages = dynamic(() => import('./pdf-pages'), { ssr: false });

/** The exact PDF in the page, on request; the readable text above is the same agreement. */
export function PdfOnDemand({ url, downloadUrl, downloadLabel, title }: { url: string; downloadUrl: string; downloadLabel: string; title: string }) {
  const t = useTranslations('signing');
  const [open, setOpen] = useState(false);
  return open ? (
    <PdfPages url={url} downloadUrl={downloadUrl} downloadLabel={downloadLabel} title={title} />
  ) : (
    <Button type="button" variant="secondary" className="self-start" onClick={() => setOpen(true)}>
      {t('showPdf')}
    </Button>
  );
}
