'use client';

// The last resort when even the root layout fails: no providers are available, so both languages are shown.
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem' }}>
        <main>
          <h1>服务暂时不可用 / Service temporarily unavailable</h1>
          <p>请稍后再试。您已填写的内容不会丢失。/ Please try again shortly. Nothing you entered has been lost.</p>
          <button type="button" onClick={reset} style={{ minHeight: 44, padding: '0 1rem' }}>
            重试 / Retry
          </button>
        </main>
      </body>
    </html>
  );
}
