import type { Instrumentation } from 'next';

/** Every server error is logged once, as JSON, with the request id and no personal data. */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { logger, scrubPersonalData } = await import('@/lib/server/logger');
  const err = error as Error & { digest?: string };
  const requestId = (request.headers as Record<string, string | string[] | undefined>)['x-request-id'];
  logger.error(
    {
      requestId,
      method: request.method,
      path: request.path.split('?')[0],
      route: context.routePath,
      digest: err.digest,
      err: { name: err.name, message: scrubPersonalData(String(err.message)) },
    },
    'request failed',
  );
};
