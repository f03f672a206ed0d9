/** One invalid field of a request, as the services list them in a 422 problem's `errors`. */
export interface FieldError {
  /** Where in the request, dotted: `body.items.0.quantity`, `query.limit`, `query.cursor`. */
  path: string;
  message: string;
}

/** RFC 9457 problem details, as every error our services answer has them (`application/problem+json`). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isProblemDetails = (body: unknown): body is ProblemDetails =>
  isRecord(body) && typeof body.type === 'string' && typeof body.status === 'number' && typeof body.title === 'string';

/**
 * Every non-2xx answer of the APIs, thrown by the client. Our services answer problem+json; API Gateway answers a
 * few requests itself before any function runs (its JWT authorizer's 401/403, an unknown route's 404, a failed
 * function's 500, its 503) with `{"message": ...}`: those arrive as the same class with `type: "about:blank"` and
 * `fromGateway: true`, so callers handle one error type.
 */
export class ProblemError extends Error implements ProblemDetails {
  override readonly name = 'ProblemError';
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** Field-level detail of a validation problem (empty when the problem has none). */
  readonly errors: FieldError[];
  /** The body as received, with any extension members (e.g. `requiredScopes`, `orderStatus`). */
  readonly problem: ProblemDetails;
  /** True when API Gateway answered (a `{"message"}` body), not one of our functions. */
  readonly fromGateway: boolean;
  readonly response: Response;
  [extension: string]: unknown;

  constructor(problem: ProblemDetails, response: Response, fromGateway = false) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem;
    this.fromGateway = fromGateway;
    this.response = response;
  }

  /** The problem's short code: the last segment of `type` (`validation-failed`, `idempotency-key-reused`, `invalid_token`). */
  get code(): string {
    return this.type === 'about:blank' ? this.type : (this.type.split('/').pop() ?? this.type);
  }

  /** The message for one field, e.g. `error.fieldError('body.items.0.quantity')`. */
  fieldError(path: string): string | undefined {
    return this.errors.find((error) => error.path === path)?.message;
  }
}

/** The error for a non-2xx response whose body openapi-fetch has already read (parsed JSON, or the text). */
export const problemFrom = (response: Response, body: unknown): ProblemError => {
  if (isProblemDetails(body)) return new ProblemError({ ...body, detail: typeof body.detail === 'string' ? body.detail : '' }, response);
  const title = response.statusText || `HTTP ${response.status}`;
  const message = isRecord(body) && typeof body.message === 'string' ? body.message : undefined;
  if (message !== undefined) {
    return new ProblemError({ type: 'about:blank', title: message, status: response.status, detail: message }, response, true);
  }
  const detail = typeof body === 'string' ? body.slice(0, 500) : '';
  return new ProblemError({ type: 'about:blank', title, status: response.status, detail }, response);
};

/** True for a ProblemError, optionally of one code: `isProblem(error, 'validation-failed')`. */
export const isProblem = (error: unknown, code?: string): error is ProblemError =>
  error instanceof ProblemError && (code === undefined || error.code === code);
