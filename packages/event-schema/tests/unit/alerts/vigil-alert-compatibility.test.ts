import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VigilAlertSchema } from '../../../src/alerts/vigil-alert';
import { loadEvent } from '../../helpers/load-event';
import { listSchemaFields, type SchemaField } from '../../helpers/schema-fields';

// The alert contract as published in schemaVersion 1. Consumers (SNS subscribers, the correlator,
// SIEM exports) rely on these fields: removing one, or making an optional one required, breaks them.
// Adding an optional field is fine; then add it here too.
const baseline: SchemaField[] = JSON.parse(
  readFileSync(path.join(__dirname, 'vigil-alert.v1-fields.json'), 'utf8')
);

describe('Vigil alert schema compatibility (schemaVersion 1)', () => {
  const current = new Map(listSchemaFields(VigilAlertSchema).map((f) => [f.path, f.required]));
  const known = new Set(baseline.map((f) => f.path));

  it('keeps every field of the published contract', () => {
    // Prepare
    const published = baseline.map((f) => f.path);

    // Act
    const removed = published.filter((p) => !current.has(p));

    // Assess
    expect(removed).toEqual([]);
  });

  it('makes no published optional field required', () => {
    // Prepare
    const optional = baseline.filter((f) => !f.required).map((f) => f.path);

    // Act
    const tightened = optional.filter((p) => current.get(p) === true);

    // Assess
    expect(tightened).toEqual([]);
  });

  it('adds only optional fields', () => {
    // Prepare
    const added = [...current.entries()].filter(([p]) => !known.has(p));

    // Act
    const requiredAdditions = added.filter(([, required]) => required).map(([p]) => p);

    // Assess
    expect(requiredAdditions).toEqual([]);
  });

  it('still parses an alert written against version 1', () => {
    // Prepare
    const v1Alert = loadEvent('vigil/vigil-alert.json');

    // Act
    const result = VigilAlertSchema.safeParse(v1Alert);

    // Assess
    expect(result.success).toBe(true);
  });
});
