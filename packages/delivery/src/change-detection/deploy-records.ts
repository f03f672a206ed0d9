/**
 * Deployment records (ADR 0016): after a successful deploy, CI writes the deployed commit to the SSM parameter
 * `/commerce/<stage>/deployed/<service>`. Change detection reads the stage's records and diffs each service
 * against the commit that stage really runs, so a cancelled, failed or skipped run is caught up by the next one.
 */

/** The SSM parameter path holding a stage's records (`aws ssm get-parameters-by-path --path <this>`). */
export const deployRecordPath = (stage: string): string => `/commerce/${stage}/deployed`;
export const deployRecordName = (stage: string, service: string): string => `${deployRecordPath(stage)}/${service}`;

const COMMIT = /^[0-9a-f]{40}$/;
const STAGE = /^[a-z0-9][a-z0-9-]{0,30}$/;

/** Service -> deployed commit. A service without a record has never been deployed to the stage. */
export type DeployRecords = Record<string, string>;

/**
 * Reads the stage's records from what `aws ssm get-parameters-by-path --path /commerce/<stage>/deployed --output
 * json` prints (`{ "Parameters": [{ "Name", "Value", ... }] }`), or from a plain `{ "<service>": "<commit>" }`
 * map. A parameter of another path is refused; a value that is not a full commit id counts as a record of an
 * unknown commit (the service is then redeployed), never as "up to date".
 */
export const parseDeployRecords = (json: string, stage: string): DeployRecords => {
  if (!STAGE.test(stage)) throw new Error(`invalid stage "${stage}"`);
  const parsed = JSON.parse(json) as unknown;
  const entries: [string, unknown][] =
    typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { Parameters?: unknown }).Parameters)
      ? ((parsed as { Parameters: { Name?: unknown; Value?: unknown }[] }).Parameters).map((parameter) => {
          const name = String(parameter.Name);
          const prefix = `${deployRecordPath(stage)}/`;
          if (!name.startsWith(prefix)) throw new Error(`${name} is not a deployment record of stage ${stage} (${prefix}<service>)`);
          return [name.slice(prefix.length), parameter.Value];
        })
      : Object.entries((parsed ?? {}) as Record<string, unknown>);
  return Object.fromEntries(entries.map(([service, value]) => [service, typeof value === 'string' && COMMIT.test(value.trim()) ? value.trim() : `invalid:${String(value)}`]));
};
