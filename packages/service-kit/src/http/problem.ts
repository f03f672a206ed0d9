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
};

const PROBLEM_BASE = 'https://problems.commerce.example.com/';

/** Throw from a use case or handler; the error middleware turns it into application/problem+json. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    /** Short kebab-case code, becomes the `type` URI: e.g. `order-not-cancellable`. */
    readonly code: string,
    detail: string,
    readonly errors?: FieldIssue[],
    readonly extensions: Record<string, unknown> = {},
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
  unauthorized: (detail = 'A valid bearer token is required.') => new HttpProblem(401, 'unauthorized', detail),
  notFound: (what: string) => new HttpProblem(404, 'not-found', `${what} was not found.`),
  conflict: (code: string, detail: string, extensions?: Record<string, unknown>) =>
    new HttpProblem(409, code, detail, undefined, extensions),
  internal: () => new HttpProblem(500, 'internal-error', 'Something went wrong on our side; it has been logged.'),
} as const;
