import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { traced } from '@commerce/service-kit';
import { DynamoDbMessageLog } from './adapters/dynamodb-message-log';
import type { MessageLog } from './ports/message-log';

/**
 * The part of the composition root the read-only HTTP handlers need: the message log alone. Its own module, so
 * their bundles load the DynamoDB client only, not SES, S3 and Cognito (ADR 0019).
 */
export const required = (env: NodeJS.ProcessEnv, name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
};

export const messageLogFrom = (env: NodeJS.ProcessEnv): MessageLog => new DynamoDbMessageLog(traced(new DynamoDBClient({})), required(env, 'MESSAGES_TABLE'));

let built: MessageLog | undefined;
export const messageLog = (): MessageLog => (built ??= messageLogFrom(process.env));
