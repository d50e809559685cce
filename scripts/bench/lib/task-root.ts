// What a function's zip carries next to its bundle that `serverless package` generates: today the
// CloudTrail parser's compiled rule pack (RULE_PACK_FILE, written by its plugins/compile-rule-pack.cjs and
// read at cold start), compiled here with the same code, once per service, into each task root.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { compileBuiltinRulePack } from '../../../services/cloudtrail-parser/src/adapters/compile-builtin-rule-pack';
import type { ServiceFunction } from './service-functions';

// The first task root's pack per service, copied into the others (all under the benchmark's folder).
const compiled = new Map<string, Promise<string>>();

/** Writes the generated files `fn` reads into `taskRoot`; returns the environment that points at them. */
export async function prepareTaskRoot(
  fn: ServiceFunction,
  taskRoot: string
): Promise<Record<string, string>> {
  const packFile = fn.env.RULE_PACK_FILE;
  if (packFile === undefined) return {};
  if (fn.service !== 'cloudtrail-parser') {
    throw new Error(`${fn.service}/${fn.name}: RULE_PACK_FILE is only known for cloudtrail-parser`);
  }
  const target = path.join(taskRoot, packFile);
  const first = compiled.get(fn.service);
  if (first === undefined) {
    compiled.set(
      fn.service,
      compileBuiltinRulePack(target).then(() => target)
    );
    await compiled.get(fn.service);
  } else {
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(await first, target);
  }
  return { LAMBDA_TASK_ROOT: taskRoot };
}
