import { isProblem, problemFrom, ProblemError } from './problem';

const response = (status: number, statusText = '') => new Response(null, { status, statusText });

describe('problemFrom', () => {
  it('keeps a problem+json body: type, title, status, detail, field errors and extensions', () => {
    const body = {
      type: 'https://problems.commerce.example.com/validation-failed',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'The request has 1 invalid field(s).',
      errors: [{ path: 'body.currency', message: 'Invalid string' }],
      traceHint: 'x',
    };
    const error = problemFrom(response(422), body);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ status: 422, code: 'validation-failed', fromGateway: false, errors: body.errors });
    expect(error.fieldError('body.currency')).toBe('Invalid string');
    expect(error.problem.traceHint).toBe('x');
    expect(error.message).toBe('422 Unprocessable Content: The request has 1 invalid field(s).');
    expect(isProblem(error, 'validation-failed')).toBe(true);
    expect(isProblem(error, 'not-found')).toBe(false);
  });

  it("turns API Gateway's own answers into the same error, marked fromGateway", () => {
    const error = problemFrom(response(401), { message: 'Unauthorized' });
    expect(error).toMatchObject({ status: 401, type: 'about:blank', code: 'about:blank', title: 'Unauthorized', fromGateway: true, errors: [] });
  });

  it('keeps what an unexpected body says, with the status', () => {
    expect(problemFrom(response(502, 'Bad Gateway'), '<html>upstream</html>')).toMatchObject({
      status: 502,
      title: 'Bad Gateway',
      detail: '<html>upstream</html>',
      fromGateway: false,
    });
  });
});
