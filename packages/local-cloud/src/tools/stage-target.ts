import { localIssuerPort } from '@commerce/serverless-config';
import { createAwsClients, type AwsClients } from '../aws-clients';
import { devConfig } from '../dev/dev-config';
import { readDevState } from '../dev/dev-state';
import { LOCAL_REGION, type Endpoints } from '../local-defaults';

export interface StageTarget {
  stage: string;
  /** Set for stage local: the running `pnpm dev` (or the default local ports). Undefined = real AWS. */
  endpoints?: Endpoints;
  clients: AwsClients;
  describe: string;
}

/**
 * Where a tool talks to: stage `local` -> the running `pnpm dev` (endpoints from its state file, else the default
 * ports); any other stage -> real AWS with the default credential chain and AWS_REGION (or --region).
 */
export const stageTarget = (stage: string, region?: string): StageTarget => {
  if (stage !== 'local') {
    const clients = createAwsClients(undefined, { region: region ?? process.env.AWS_REGION ?? LOCAL_REGION });
    return { stage, clients, describe: `AWS ${clients.region} (stage ${stage})` };
  }
  const config = devConfig();
  const state = readDevState(config.stateFile);
  const sqs = `http://127.0.0.1:${config.sqsPort}`;
  const endpoints = state?.endpoints ?? { sqs, s3: sqs, dynamodb: `http://127.0.0.1:${config.dynamodbPort}` };
  return { stage, endpoints, clients: createAwsClients(endpoints, region ? { region } : {}), describe: `local emulators ${endpoints.sqs}` };
};

/** The issuer port of the running `pnpm dev` (from its state), else LOCAL_ISSUER_PORT / 4599. */
export const runningIssuerPort = (): number => {
  const state = readDevState(devConfig().stateFile);
  const port = state ? Number(new URL(state.issuer).port) : NaN;
  return Number.isInteger(port) && port > 0 ? port : localIssuerPort();
};
