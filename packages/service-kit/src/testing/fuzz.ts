/** A path segment that URL parsing does not remove ("." and ".." are dot segments: `/a/./b` is `/a/b` before any route sees it). */
export const isPathSegment = (value: string): boolean => value !== '.' && value !== '..';

/** What a fuzzed HTTP call answered, as the property predicates below read it. */
export interface FuzzAnswer {
  status: number;
  contentType: string;
  body: unknown;
}

/** Reads a fetch response for a fuzz property: status, content type and the body (JSON when it parses). */
export const fuzzAnswer = async (response: Response): Promise<FuzzAnswer> => {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: kept as text, which the predicate rejects for an error
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
};

/** A 2xx, or a 4xx problem+json with a title: what any input to a route must get (never a 5xx, never a bare error). */
export const isWellAnswered = (answer: FuzzAnswer): boolean =>
  (answer.status >= 200 && answer.status < 300) ||
  (answer.status >= 400 &&
    answer.status < 500 &&
    answer.contentType.startsWith('application/problem+json') &&
    typeof (answer.body as { title?: unknown } | undefined)?.title === 'string');

/**
 * fast-check parameters for the suite: a fixed seed, so a run in CI is repeatable (a failure names its seed and
 * counterexample); `FUZZ_SEED=<n>` or `FUZZ_SEED=random` and `FUZZ_RUNS=<n>` explore further by hand.
 */
export const fuzzParameters = (numRuns = 60): { numRuns: number; seed?: number } => {
  const runs = Number(process.env.FUZZ_RUNS ?? numRuns) || numRuns;
  const seed = process.env.FUZZ_SEED;
  if (seed === 'random') return { numRuns: runs };
  return { numRuns: runs, seed: Number(seed ?? 20_261_202) || 20_261_202 };
};
