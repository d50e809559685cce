import type { RuleTarget } from './eventbridge-schemas';

/** Reads `$`, `$.a.b` or `$.a[0].b` from a value; undefined when absent. */
export function readJsonPath(value: unknown, path: string): unknown {
  if (path === '$') return value;
  if (!path.startsWith('$.') && !path.startsWith('$[')) return undefined;
  const steps = path
    .slice(1)
    .split(/\.|\[(\d+)\]/)
    .filter((step): step is string => step !== undefined && step !== '');
  let current: unknown = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

function renderValue(value: unknown, isInString: boolean): string {
  if (!isInString) return value === undefined ? 'null' : JSON.stringify(value);
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  return JSON.stringify(text).slice(1, -1);
}

/** Fills `<name>` placeholders: inside a JSON string as escaped text, elsewhere as JSON (AWS's rule). */
function renderTemplate(template: string, values: Record<string, unknown>): string {
  let output = '';
  let isInString = false;
  for (let i = 0; i < template.length; i += 1) {
    const char = template[i] ?? '';
    if (char === '\\' && isInString) {
      output += char + (template[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (char === '"') isInString = !isInString;
    const placeholder = char === '<' ? /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i)) : null;
    if (placeholder !== null && (placeholder[1] ?? '') in values) {
      output += renderValue(values[placeholder[1] ?? ''], isInString);
      i += placeholder[0].length - 1;
      continue;
    }
    output += char;
  }
  return output;
}

/**
 * What a target receives for an event: the event itself, `Input` (constant JSON), the `InputPath`
 * part of the event, or the rendered `InputTransformer` template — as text, as EventBridge sends it.
 *
 * @example
 * targetInput({ Id: 't', Arn, InputPath: '$.detail' }, event, rule) // '{"orderId":"1"}'
 */
export function targetInput(
  target: RuleTarget,
  event: Record<string, unknown>,
  rule: { Name: string; Arn: string }
): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) return JSON.stringify(readJsonPath(event, target.InputPath) ?? null);
  if (target.InputTransformer !== undefined) {
    const values: Record<string, unknown> = {
      'aws.events.event': event,
      'aws.events.event.json': event,
      'aws.events.rule-arn': rule.Arn,
      'aws.events.rule-name': rule.Name,
      'aws.events.event.ingestion-time': event.time,
    };
    for (const [name, path] of Object.entries(target.InputTransformer.InputPathsMap ?? {})) {
      values[name] = readJsonPath(event, path);
    }
    return renderTemplate(target.InputTransformer.InputTemplate, values);
  }
  return JSON.stringify(event);
}
