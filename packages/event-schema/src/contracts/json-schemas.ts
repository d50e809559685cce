import * as z from 'zod';
import type { EventContract } from '../common/event-contract';
import { DispatchedJobDetailSchema, VIGIL_SCHEDULER_SOURCE } from '../jobs/dispatched-job';
import { eventBridgeEnvelope } from '../triggers/eventbridge-envelope';
import { VIGIL_EVENT_CONTRACTS } from './vigil-contracts';

/** JSON Schema of one Vigil-emitted event, and the file it is written to. */
export type EventJsonSchema = { fileName: string; source: string; detailType: string; schema: object };

/**
 * The JSON file name of a contract: `<source>.<detail-type in kebab-case>.json`.
 *
 * @example
 * ```ts
 * jsonSchemaFileName(VIGIL_ALERT); // 'vigil.cloudtrail.vigil-alert.json'
 * ```
 */
export function jsonSchemaFileName(contract: Pick<EventContract, 'source' | 'detailType'>): string {
  const kebab = contract.detailType
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${contract.source}.${kebab}.json`;
}

function toJsonSchema(schema: z.ZodType, title: string, description: string): object {
  // Input mode: what a consumer may receive (optional fields optional, unknown keys not forbidden).
  return { title, description, ...z.toJSONSchema(schema, { target: 'draft-4', io: 'input' }) };
}

/**
 * JSON Schemas of every event Vigil emits: whole EventBridge events with the source and detail-type
 * fixed, in draft-04 (the dialect the EventBridge schema registry accepts) so they serve the registry
 * and consumers in other languages.
 *
 * @example
 * ```ts
 * for (const { fileName, schema } of buildEventJsonSchemas()) writeFileSync(fileName, JSON.stringify(schema));
 * ```
 */
export function buildEventJsonSchemas(): EventJsonSchema[] {
  const contracts = VIGIL_EVENT_CONTRACTS.map((contract) => ({
    fileName: jsonSchemaFileName(contract),
    source: contract.source,
    detailType: contract.detailType,
    schema: toJsonSchema(
      contract.eventSchema,
      contract.detailType,
      `EventBridge event ${contract.source} / ${contract.detailType} (Vigil schemaVersion 1).`
    ),
  }));
  const dispatched = {
    fileName: `${VIGIL_SCHEDULER_SOURCE}.dispatched-job.json`,
    source: VIGIL_SCHEDULER_SOURCE,
    detailType: '*',
    schema: toJsonSchema(
      eventBridgeEnvelope(DispatchedJobDetailSchema).extend({ source: z.literal(VIGIL_SCHEDULER_SOURCE) }),
      'Vigil dispatched job',
      "EventBridge event published for a due job: the job's own detail-type and detail, plus vigilJob."
    ),
  };
  return [...contracts, dispatched];
}
