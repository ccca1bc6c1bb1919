import 'server-only';
import { notFound } from 'next/navigation';
import { isAppError } from '@/lib/server/errors';

/** For pages: a service's NOT_FOUND becomes the 404 page; anything else goes to the error page. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}
