import type { ServiceName } from '@commerce/domain-events';
import { settingsFor } from './stages';

/**
 * `provider.httpApi.cors` of every service (ADR 0013): what a browser on one of the stage's frontend origins may
 * send and read. osls fills in what is left out with defaults of its own (Content-Type, Authorization and X-Amz-*
 * request headers, no exposed response headers), so every field is given here. API Gateway answers preflights
 * itself from this configuration, and so does `pnpm dev`'s gateway (it reads CorsConfiguration from the packaged
 * template). Never `*` (template rule http-api-cors): origins are the stage's `corsOrigins`.
 */
export interface HttpApiCors {
  allowedOrigins: string[];
  allowedHeaders: string[];
  allowedMethods: string[];
  exposedResponseHeaders: string[];
  maxAge: number;
}

/** Request headers a frontend sends to every service: the token, the JSON body's type, the correlation id. */
const COMMON_REQUEST_HEADERS = ['Content-Type', 'Authorization', 'X-Correlation-Id'];

/**
 * Response headers every service sends that are not CORS-safelisted (scripts can read them only when exposed): the
 * correlation id, and the RFC 6750 challenge of a 401/403 (which says whether the token or its scope was wrong).
 */
const COMMON_EXPOSED_HEADERS = ['X-Correlation-Id', 'WWW-Authenticate'];

/** What each service's routes take and give beyond the common headers (their openapi.json declares them). */
const PER_SERVICE: Record<ServiceName, { methods: string[]; requestHeaders: string[]; exposedHeaders: string[] }> = {
  // POST /orders takes Idempotency-Key and answers Location and Idempotent-Replayed.
  orders: { methods: ['GET', 'POST', 'OPTIONS'], requestHeaders: ['Idempotency-Key'], exposedHeaders: ['Location', 'Idempotent-Replayed'] },
  // Browsers only read (the webhook's POST is Stripe's, server to server: no CORS). GET /payments/{orderId}/action's
  // 503 payment-provider-unavailable carries Retry-After, which the api-client's retry honours.
  payments: { methods: ['GET', 'OPTIONS'], requestHeaders: [], exposedHeaders: ['Retry-After'] },
  notifications: { methods: ['GET', 'OPTIONS'], requestHeaders: [], exposedHeaders: [] },
};

/** Seconds a browser may cache a preflight answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export const httpApiCors = (service: ServiceName, stage: string): HttpApiCors => {
  const own = PER_SERVICE[service];
  return {
    allowedOrigins: settingsFor(stage).corsOrigins,
    allowedHeaders: [...COMMON_REQUEST_HEADERS, ...own.requestHeaders],
    allowedMethods: own.methods,
    exposedResponseHeaders: [...COMMON_EXPOSED_HEADERS, ...own.exposedHeaders],
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  };
};
