// Writes schemas/json/*.json from the contracts (run with `pnpm --filter @vigil/event-schema build`).
// The folder is regenerated as a whole so a removed contract leaves no stale file behind.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildEventJsonSchemas } from '../src/contracts/json-schemas';

const outDir = path.resolve(__dirname, '../schemas/json');
mkdirSync(outDir, { recursive: true });
const schemas = buildEventJsonSchemas();
const keep = new Set(schemas.map((s) => s.fileName));
for (const file of readdirSync(outDir)) {
  if (file.endsWith('.json') && !keep.has(file)) rmSync(path.join(outDir, file));
}
for (const { fileName, schema } of schemas) {
  writeFileSync(path.join(outDir, fileName), `${JSON.stringify(schema, null, 2)}\n`);
}
process.stdout.write(
  `wrote ${schemas.length} JSON Schema files to ${path.relative(process.cwd(), outDir) || '.'}\n`
);
