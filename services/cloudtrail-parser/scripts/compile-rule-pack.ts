// `tsx scripts/compile-rule-pack.ts <file>`: compiles the built-in rule pack (rules/**) into <file>, one
// JSON document the functions read at cold start. Run by plugins/compile-rule-pack.cjs (sls package,
// offline, invoke local) and by `pnpm bench lambda`; prints `{"ruleCount":…,"bytes":…}`.
import path from 'node:path';
import { compileBuiltinRulePack } from '../src/adapters/compile-builtin-rule-pack';

async function main(): Promise<void> {
  const target = process.argv[2];
  if (target === undefined) throw new Error('usage: compile-rule-pack.ts <output file>');
  const result = await compileBuiltinRulePack(path.resolve(target));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
