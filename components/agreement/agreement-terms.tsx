import type { AgreementContent, Row } from '@/lib/pdf/agreement-content';

/**
 * The agreement's full text as readable HTML on a phone: the same clauses,
 * figures and schedule as the PDF, built from the same snapshot
 * (lib/pdf/agreement-content.ts), in the agreement's own language. No client
 * code: it is part of the page as sent.
 */
function Rows({ rows }: { rows: Row[] }) {
  return (
    <dl className="my-2 divide-y divide-slate-100 border-y border-slate-200 text-sm">
      {rows.map((row, i) => (
        <div key={i} className="flex flex-wrap justify-between gap-x-3 py-1">
          <dt className="text-slate-600">{row.label}</dt>
          <dd className={row.strong ? 'font-semibold' : ''}>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function AgreementTerms({ content, id }: { content: AgreementContent; id: string }) {
  const h = content.schedule.headers;
  return (
    <article lang={content.locale} aria-labelledby={id} className="flex flex-col gap-1 break-words text-[15px] leading-relaxed" data-testid="agreement-terms">
      <h2 id={id} className="text-center text-xl font-bold">
        {content.title}
      </h2>
      <p className="text-center text-sm text-slate-600">
        {content.otherTitle} · {content.subtitle}
      </p>
      <Rows rows={content.meta} />
      <p className="text-sm text-slate-600">{content.verifyHint}</p>
      {[content.creditor, content.borrower].map((party) => (
        <section key={party.role} className="mt-2 rounded-lg border border-slate-200 p-2">
          <h3 className="font-semibold">{party.role}</h3>
          <Rows rows={party.rows} />
        </section>
      ))}
      <p className="mt-2">{content.preamble}</p>
      {content.blocks.map((block, i) => {
        switch (block.kind) {
          case 'heading':
            return (
              <h3 key={i} className="mt-4 text-lg font-semibold">
                {block.text}
              </h3>
            );
          case 'para':
          case 'intro':
            return <p key={i}>{block.text}</p>;
          case 'rows':
            return <Rows key={i} rows={block.rows} />;
          case 'quote':
            return (
              <blockquote key={i} className="my-2 border-l-4 border-slate-300 pl-3">
                <p className="font-semibold">{block.title}</p>
                {block.paras.map((p, j) => (
                  <p key={j} className="mt-1">
                    {p}
                  </p>
                ))}
              </blockquote>
            );
          case 'schedule':
            return (
              <ol key={i} className="my-2 flex flex-col gap-1 text-sm">
                {content.schedule.rows.map((row) => (
                  <li key={`${row.seq}-${row.dueDate}`} className="rounded border border-slate-200 p-2">
                    <p className="flex justify-between gap-2 font-medium">
                      <span>
                        {row.seq === h.downPayment ? row.seq : `${h.seq} ${row.seq}`} · {row.dueDate}
                        {row.contract ? <span className="ml-1 text-xs text-brand-700">{h.contract}</span> : null}
                      </span>
                      <span>{row.amount}</span>
                    </p>
                    {row.principal !== '—' ? (
                      <p className="text-slate-600">
                        {h.principal} {row.principal} · {h.interest} {row.interest} · {h.charges} {row.charges} · {h.balanceAfter} {row.balanceAfter}
                      </p>
                    ) : null}
                  </li>
                ))}
                <li className="flex justify-between gap-2 border-t-2 border-slate-800 pt-1 font-semibold">
                  <span>{h.total}</span>
                  <span>{content.schedule.total.amount}</span>
                </li>
              </ol>
            );
        }
      })}
      <section className="mt-4 rounded-lg border border-brand-100 bg-brand-50 p-2" lang={content.locale === 'zh-CN' ? 'en' : 'zh-CN'}>
        <h3 className="font-semibold">{content.keyTerms.title}</h3>
        <p className="text-sm text-slate-600">{content.keyTerms.note}</p>
        <Rows rows={content.keyTerms.rows} />
      </section>
      <p className="mt-2 text-center text-slate-600">{content.endOfText}</p>
    </article>
  );
}
