import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildEventJsonSchemas, jsonSchemaFileName } from '../../../src/contracts/json-schemas';
import { VIGIL_EVENT_CONTRACTS } from '../../../src/contracts/vigil-contracts';

const outDir = path.resolve(__dirname, '../../../schemas/json');

type JsonObject = { properties: Record<string, { enum?: string[] }>; required: string[] };

describe('buildEventJsonSchemas', () => {
  const schemas = buildEventJsonSchemas();

  it('covers every event contract and the dispatched job event', () => {
    // Prepare
    const expected = [
      ...VIGIL_EVENT_CONTRACTS.map(jsonSchemaFileName),
      'vigil.scheduler.dispatched-job.json',
    ];

    // Act
    const fileNames = schemas.map((s) => s.fileName);

    // Assess
    expect(fileNames.sort()).toEqual(expected.sort());
    expect(new Set(fileNames).size).toBe(fileNames.length);
  });

  it('is draft-04, fixes source and detail-type, and requires a detail with schemaVersion', () => {
    // Prepare
    const contractSchemas = schemas.filter((s) => s.detailType !== '*');

    // Act
    const summaries = contractSchemas.map(({ schema }) => {
      const root = schema as JsonObject;
      const detail = root.properties.detail as unknown as JsonObject;
      return {
        source: root.properties.source?.enum,
        detailType: root.properties['detail-type']?.enum,
        requiresDetail: root.required.includes('detail'),
        requiresVersion: detail.required.includes('schemaVersion'),
      };
    });

    // Assess
    expect(
      contractSchemas.every(
        ({ schema }) => '$schema' in schema && String(schema.$schema).includes('draft-04')
      )
    ).toBe(true);
    expect(summaries).toEqual(
      VIGIL_EVENT_CONTRACTS.map((c) => ({
        source: [c.source],
        detailType: [c.detailType],
        requiresDetail: true,
        requiresVersion: true,
      }))
    );
  });

  it('matches the checked-in files (run `pnpm --filter @vigil/event-schema build` after a schema change)', () => {
    // Prepare
    const onDisk = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith('.json')) : [];

    // Act
    const stale = schemas
      .filter(({ fileName, schema }) => {
        const file = path.join(outDir, fileName);
        return !existsSync(file) || readFileSync(file, 'utf8') !== `${JSON.stringify(schema, null, 2)}\n`;
      })
      .map((s) => s.fileName);
    const extra = onDisk.filter((f) => !schemas.some((s) => s.fileName === f));

    // Assess
    expect({ stale, extra }).toEqual({ stale: [], extra: [] });
  });
});

describe('jsonSchemaFileName', () => {
  it('joins the source and the kebab-cased detail-type', () => {
    // Prepare
    const contract = { source: 'vigil.choreography', detailType: 'Vigil Workflow Stuck' };

    // Act
    const name = jsonSchemaFileName(contract);

    // Assess
    expect(name).toBe('vigil.choreography.vigil-workflow-stuck.json');
  });
});
