/** Reading the packaged CloudFormation templates and the configuration they were made from. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_SERVICES as ROUTED_SERVICES } from '../../config/routing';
import { REPO_ROOT, serviceNames, templatePath } from '../../scripts/infra/packager';
import { EXAMPLE_PROD_SETTINGS } from './global-setup';

export interface Resource {
  Type: string;
  Properties?: Record<string, any>; // CloudFormation is untyped JSON
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Condition?: string;
}
export interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: string } }>;
}

export const SERVICES = serviceNames();
/** Services with an API: the routing table's (config/routing.js); platform-resources and edge have none. */
export const API_SERVICES: readonly string[] = ROUTED_SERVICES;

export function template(service: string): Template {
  return JSON.parse(readFileSync(templatePath(service), 'utf8')) as Template;
}

export const ofType = (t: Template, type: string): Array<[string, Resource]> => Object.entries(t.Resources).filter(([, r]) => r.Type === type);

// The YAML parser the Serverless Framework itself reads config/stages.yml with (no second copy).
const yaml = require(require.resolve('js-yaml', { paths: [require.resolve('serverless')] })) as { load(text: string): unknown };

export interface StageSettings {
  corsOrigins: string[];
  throttle: { rate: number; burst: number };
  memorySize: number;
  logRetentionInDays: number;
  deletionProtection: boolean;
}
/** A stage's settings as the templates were packaged with them (the prod origin: the example settings). */
export function stageSettings(stage: string): StageSettings {
  const all = yaml.load(readFileSync(join(REPO_ROOT, 'config', 'stages.yml'), 'utf8')) as Record<string, StageSettings>;
  const origin = stage === 'local' ? 'http://localhost:3000' : EXAMPLE_PROD_SETTINGS.PUBLIC_ORIGIN;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the Serverless variable as config/stages.yml writes it
  return JSON.parse(JSON.stringify(all[stage]).replaceAll('${self:custom.stage.origin}', origin)) as StageSettings;
}

export interface TableDefinition {
  name: string;
  partitionKey: string;
  sortKey?: string;
  indexes?: Array<{ name: string }>;
}
export function tableDefinitions(service: string): TableDefinition[] {
  const file = join(REPO_ROOT, 'services', service, 'resources', 'tables.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as TableDefinition[]) : [];
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
}
/** Every policy statement of a template: roles' inline policies, managed policies, bucket and topic policies. */
export function statements(t: Template): Array<{ where: string; statement: Statement }> {
  const out: Array<{ where: string; statement: Statement }> = [];
  for (const [id, r] of Object.entries(t.Resources)) {
    const docs: unknown[] = [];
    if (r.Type === 'AWS::IAM::Role') docs.push(...(r.Properties?.Policies ?? []).map((p: { PolicyDocument: unknown }) => p.PolicyDocument));
    if (['AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy', 'AWS::S3::BucketPolicy', 'AWS::SNS::TopicPolicy'].includes(r.Type))
      docs.push(r.Properties?.PolicyDocument);
    for (const doc of docs) for (const statement of (doc as { Statement: Statement[] }).Statement) out.push({ where: id, statement });
  }
  return out;
}

export const actions = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
export const resources = (s: Statement): unknown[] => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/** The literal text of an ARN built with Fn::Join (pseudo parameters as ${...}), or of a string. */
export function arnText(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (v['Fn::Join']) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(arnText).join(sep);
  }
  if (v.Ref) return `\${${v.Ref as string}}`;
  if (v['Fn::GetAtt']) return `\${${(v['Fn::GetAtt'] as string[]).join('.')}}`;
  if (v['Fn::Sub']) return String(v['Fn::Sub']);
  return JSON.stringify(value);
}
