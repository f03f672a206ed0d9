import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { ResponseContract } from './openapi-responses';

/** A raw HTTP answer as a test's HTTP stand-in or client sees it. */
export interface RawResponse {
  method: string;
  path: string;
  status: number;
  headers: Record<string, unknown> | Headers;
  body: string | undefined;
}

const parsed = (text: string | undefined): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

const contentTypeOf = (headers: RawResponse['headers']): string | undefined => {
  if (headers instanceof Headers) return headers.get('content-type') ?? undefined;
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type');
  return entry ? String(entry[1]) : undefined;
};

export interface CheckedResponses {
  record(response: RawResponse): void;
  contract: ResponseContract;
}

/**
 * For a test support module (Jest): every response passed to `record` is validated against `document` (status,
 * media type, body), and the test during which one did not conform fails, listing why (an afterEach hook,
 * registered when this is called at a module's top level). Tests do nothing to get it.
 */
export const checkResponses = (document: Record<string, unknown>, name: string): CheckedResponses => {
  const contract = new ResponseContract(document, name);
  let reported = 0;
  afterEach(() => {
    const fresh = contract.violations.slice(reported);
    reported = contract.violations.length;
    if (fresh.length > 0) throw new Error(`responses that do not conform to ${name}:\n${fresh.join('\n')}`);
  });
  return {
    contract,
    record: (response) => {
      contract.record({ method: response.method, path: response.path, status: response.status, contentType: contentTypeOf(response.headers), body: parsed(response.body) });
    },
  };
};

/** checkResponses against a committed document, e.g. `services/orders/openapi.json`. */
export const checkResponsesAgainst = (documentPath: string): CheckedResponses =>
  checkResponses(JSON.parse(readFileSync(documentPath, 'utf8')) as Record<string, unknown>, `${basename(dirname(documentPath))}/${basename(documentPath)}`);
