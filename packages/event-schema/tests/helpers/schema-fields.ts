import { z } from 'zod';

/** A field of a JSON Schema object tree: dotted path (`[]` for array items) and whether it is required. */
export type SchemaField = { path: string; required: boolean };

type JsonSchemaNode = {
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  allOf?: JsonSchemaNode[];
};

/**
 * Lists every field of a zod object schema, walking nested objects, arrays and unions. In a union a
 * field is required only when every branch that has it requires it (e.g. `origin.bucket` of kind s3).
 */
export function listSchemaFields(schema: z.ZodType): SchemaField[] {
  const fields = new Map<string, boolean>();
  walk(z.toJSONSchema(schema, { io: 'input' }) as JsonSchemaNode, '', true, fields);
  return [...fields.entries()]
    .map(([path, required]) => ({ path, required }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

function walk(
  node: JsonSchemaNode,
  prefix: string,
  parentRequired: boolean,
  out: Map<string, boolean>
): void {
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) {
    walk(branch, prefix, parentRequired, out);
  }
  if (node.items) walk(node.items, `${prefix}[]`, parentRequired, out);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    const required = parentRequired && (node.required ?? []).includes(key);
    out.set(path, out.has(path) ? (out.get(path) ?? false) && required : required);
    walk(child, path, required, out);
  }
}
