// Quiet structured logs in tests unless asked for: LOG_LEVEL=DEBUG pnpm test
process.env.LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_LOG_LEVEL ??= process.env.LOG_LEVEL;
