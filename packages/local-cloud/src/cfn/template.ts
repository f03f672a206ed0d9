import { readFileSync } from 'node:fs';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, unknown>;
}

export const readTemplate = (path: string): CfnTemplate => {
  const template = JSON.parse(readFileSync(path, 'utf8')) as CfnTemplate;
  if (!template || typeof template.Resources !== 'object') throw new Error(`${path} is not a CloudFormation template`);
  return template;
};

export const resourcesOfType = (template: CfnTemplate, type: string): [string, CfnResource][] =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
