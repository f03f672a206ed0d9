import { randomUUID } from 'node:crypto';

const VALID = /^[\x21-\x7e]{1,128}$/;

/** Takes the caller's x-correlation-id when it is sane, otherwise starts a new one. */
export const correlationIdFrom = (headers: Record<string, string | undefined> | undefined): string => {
  const given = headers?.['x-correlation-id'];
  return given && VALID.test(given) ? given : randomUUID();
};
