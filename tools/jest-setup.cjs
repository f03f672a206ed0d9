// Quiet structured logs in tests unless asked for: LOG_LEVEL=DEBUG pnpm test
process.env.LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_LOG_LEVEL ??= process.env.LOG_LEVEL;
// Metrics (EMF lines on stdout) and traces off in tests, as on stage local; telemetry tests turn metrics on for themselves.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';
