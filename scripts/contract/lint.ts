/**
 * Validates docs/openapi.json as OpenAPI 3.1 with Redocly's linter (@redocly/openapi-core, its
 * `recommended` rules): the structure of every object (struct), $refs that resolve, path
 * parameters declared, unique operation ids, security defined... Chosen over
 * @apidevtools/swagger-parser, which for 3.1 documents checks the JSON Schema of the document only
 * (a path parameter left undeclared, `type: "strin"` or a duplicate operationId passed it).
 *
 * `tsx scripts/contract/lint.ts [file]` prints the problems as JSON and exits 1 on any error.
 * (@redocly/openapi-core is ESM-only: test/contract runs this in its own process.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { REPO_ROOT } from './load';

export interface LintProblem {
  severity: string;
  rule: string;
  message: string;
  pointer?: string;
}

export async function lintDocument(text: string): Promise<LintProblem[]> {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: text, absoluteRef: join(REPO_ROOT, 'docs', 'openapi.json'), config });
  return problems.map((p) => ({ severity: p.severity, rule: p.ruleId, message: p.message, pointer: p.location?.[0]?.pointer }));
}

if (require.main === module) {
  const file = process.argv[2] ?? join(REPO_ROOT, 'docs', 'openapi.json');
  lintDocument(readFileSync(file, 'utf8'))
    .then((problems) => {
      console.log(JSON.stringify(problems, null, 2));
      if (problems.some((p) => p.severity === 'error')) process.exit(1);
    })
    .catch((err) => {
      console.error(err);
      process.exit(2);
    });
}
