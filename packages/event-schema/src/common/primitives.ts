import * as z from 'zod';

/** An ISO 8601 UTC timestamp as AWS writes them (`2024-07-31T13:06:24Z`, optional fraction). */
export const IsoDateTimeSchema = z.iso.datetime();

/** An ISO 8601 timestamp with `Z` or an explicit offset (`2025-03-30T02:30:00+02:00`). */
export const IsoDateTimeWithOffsetSchema = z.iso.datetime({ offset: true });

/** A string with at least one character. */
export const NonEmptyStringSchema = z.string().min(1);

/** Every detail Vigil emits carries this version; bump it only with a new contract. */
export const SchemaVersionSchema = z.literal('1');
export type SchemaVersion = z.infer<typeof SchemaVersionSchema>;

/** The one value of {@link SchemaVersionSchema}, for producers. */
export const SCHEMA_VERSION: SchemaVersion = '1';
