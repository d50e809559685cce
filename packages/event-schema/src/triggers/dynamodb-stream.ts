import { DynamoDBStreamRecord, DynamoDBStreamSchema } from '@aws-lambda-powertools/parser/schemas/dynamodb';
import type { z } from 'zod';

/**
 * A DynamoDB stream Lambda event (powertools' schema). `Keys`, `NewImage` and `OldImage` come out
 * unmarshalled to plain JS values.
 */
export const DynamoDbStreamEventSchema = DynamoDBStreamSchema;
export type DynamoDbStreamEvent = z.infer<typeof DynamoDbStreamEventSchema>;

/** One DynamoDB stream record (powertools' schema, images unmarshalled). */
export const DynamoDbStreamRecordSchema = DynamoDBStreamRecord;
export type DynamoDbStreamRecord = z.infer<typeof DynamoDbStreamRecordSchema>;
