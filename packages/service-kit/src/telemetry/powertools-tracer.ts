// Required (not imported) by ./index.ts only when tracing is on: bundled, this module and what it imports are
// initialised on that require alone. Its `export ... from` is an import, so esbuild takes the package's ES module
// build, whose @aws-lambda-powertools/commons the Logger and Metrics share (a require of the package name would
// bundle its CommonJS build and a second commons: +4 KB a zip, past payments' 150 KiB budget).
export { Tracer } from '@aws-lambda-powertools/tracer';
