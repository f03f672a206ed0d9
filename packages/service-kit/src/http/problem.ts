import type { FieldIssue } from '@commerce/domain-events';

/** RFC 9457 problem details: every HTTP error the services return has this shape. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const PROBLEM_BASE = 'https://problems.commerce.example.com/';

/** Throw from a use case or handler; the error middleware turns it into application/problem+json. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    /** Short kebab-case code, becomes the `type` URI: e.g. `order-not-cancellable` (RFC 6750's own codes as they are). */
    readonly code: string,
    detail: string,
    readonly errors?: FieldIssue[],
    readonly extensions: Record<string, unknown> = {},
    /** Response headers that belong to the problem, e.g. RFC 6750's WWW-Authenticate on 401 and 403. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  toBody(): ProblemBody {
    return {
      ...this.extensions,
      type: `${PROBLEM_BASE}${this.code}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const problems = {
  malformedJson: (detail: string) => new HttpProblem(400, 'malformed-json', `The request body is not valid JSON: ${detail}`),
  unsupportedMediaType: () => new HttpProblem(415, 'unsupported-media-type', 'Send the body as application/json.'),
  validation: (errors: FieldIssue[]) =>
    new HttpProblem(422, 'validation-failed', `The request has ${errors.length} invalid field(s).`, errors),
  /** No bearer token (RFC 6750: no error code), or one that was rejected (`invalid_token`). */
  unauthorized: (detail?: string) =>
    detail === undefined
      ? new HttpProblem(401, 'unauthorized', 'A valid bearer token is required.', undefined, {}, { 'www-authenticate': 'Bearer' })
      : new HttpProblem(401, 'invalid_token', detail, undefined, {}, { 'www-authenticate': 'Bearer error="invalid_token"' }),
  /** A valid token without any of the route's scopes (RFC 6750 `insufficient_scope`). */
  insufficientScope: (required: readonly string[]) =>
    new HttpProblem(
      403,
      'insufficient_scope',
      `The bearer token lacks the scope this route needs: one of ${required.join(', ')}.`,
      undefined,
      { requiredScopes: [...required] },
      { 'www-authenticate': `Bearer error="insufficient_scope", scope="${required.join(' ')}"` },
    ),
  notFound: (what: string) => new HttpProblem(404, 'not-found', `${what} was not found.`),
  conflict: (code: string, detail: string, extensions?: Record<string, unknown>) =>
    new HttpProblem(409, code, detail, undefined, extensions),
  internal: () => new HttpProblem(500, 'internal-error', 'Something went wrong on our side; it has been logged.'),
} as const;
