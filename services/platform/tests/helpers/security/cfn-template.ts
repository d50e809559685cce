/** The parts of a packaged CloudFormation template the security review reads. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown> | undefined;
  Condition?: string | undefined;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Conditions?: Record<string, unknown> | undefined;
}

/** One broken rule: which resource, which rule, what is wrong and how to fix it. */
export interface Violation {
  resource: string;
  rule: string;
  detail: string;
  fix: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NO_VALUE = { Ref: 'AWS::NoValue' };

function isNoValue(value: unknown): boolean {
  return isRecord(value) && value.Ref === NO_VALUE.Ref && Object.keys(value).length === 1;
}

/**
 * Evaluates the template's conditions. Packaged templates hold literal values (osls resolved the params),
 * so `Fn::Equals` compares strings; a condition that depends on something else (a stack parameter) is
 * taken as true, the stricter reading for "this resource exists".
 */
export function conditionEvaluator(template: CfnTemplate): (name: string) => boolean {
  const cache = new Map<string, boolean>();
  const evaluate = (expression: unknown): boolean | undefined => {
    if (!isRecord(expression)) return undefined;
    if (typeof expression.Condition === 'string') return byName(expression.Condition);
    const [fn, args] = Object.entries(expression)[0] ?? [];
    if (!Array.isArray(args)) return undefined;
    if (fn === 'Fn::Equals') {
      const [a, b] = args;
      if (
        (typeof a === 'string' || typeof a === 'number') &&
        (typeof b === 'string' || typeof b === 'number')
      )
        return String(a) === String(b);
      return undefined;
    }
    const values = args.map(evaluate);
    if (values.includes(undefined)) return undefined;
    if (fn === 'Fn::Not') return !values[0];
    if (fn === 'Fn::And') return values.every(Boolean);
    if (fn === 'Fn::Or') return values.some(Boolean);
    return undefined;
  };
  const byName = (name: string): boolean => {
    const known = cache.get(name);
    if (known !== undefined) return known;
    const value = evaluate(template.Conditions?.[name]) ?? true;
    cache.set(name, value);
    return value;
  };
  return byName;
}

/** `value` with every `Fn::If` replaced by its branch and `AWS::NoValue` removed (the deployed shape). */
export function prune(value: unknown, condition: (name: string) => boolean): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => prune(item, condition)).filter((item) => item !== undefined);
  }
  if (!isRecord(value)) return value;
  if (isNoValue(value)) return undefined;
  const ifArgs = value['Fn::If'];
  if (Array.isArray(ifArgs) && Object.keys(value).length === 1 && typeof ifArgs[0] === 'string') {
    return prune(condition(ifArgs[0]) ? ifArgs[1] : ifArgs[2], condition);
  }
  const entries = Object.entries(value)
    .map(([key, item]) => [key, prune(item, condition)] as const)
    .filter(([, item]) => item !== undefined);
  return Object.fromEntries(entries);
}

/**
 * The template as deployed with its packaged parameters: resources whose condition is false are left
 * out, and `Fn::If`/`AWS::NoValue` are resolved inside the others.
 */
export function activeResources(template: CfnTemplate): Record<string, CfnResource> {
  const condition = conditionEvaluator(template);
  const active: Record<string, CfnResource> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Condition !== undefined && !condition(resource.Condition)) continue;
    active[logicalId] = { ...resource, Properties: prune(resource.Properties ?? {}, condition) as never };
  }
  return active;
}

/**
 * A readable string for an intrinsic: `Ref X` → `${X}`, `GetAtt X.Arn` → `${X.Arn}`, `Sub` → its text
 * (with its variables substituted), `Join` → the joined parts. Enough to look for `*` and to see which
 * resource an ARN names.
 */
export function render(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value)) return value.map(render).join(',');
  if (!isRecord(value)) return '';
  if (typeof value.Ref === 'string') return `\${${value.Ref}}`;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `\${${getAtt.map(render).join('.')}}`;
  if (typeof getAtt === 'string') return `\${${getAtt}}`;
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') return sub;
  if (Array.isArray(sub) && typeof sub[0] === 'string') {
    const variables = isRecord(sub[1]) ? sub[1] : {};
    return sub[0].replace(/\$\{([^}]+)\}/g, (whole, name: string) =>
      name in variables ? render(variables[name]) : whole
    );
  }
  const join = value['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) return join[1].map(render).join(render(join[0]));
  return `\${${Object.keys(value)[0] ?? '?'}}`;
}

/** Logical ids `value` refers to (`Ref`, `GetAtt`, `${X}` / `${X.Attr}` inside `Sub`). */
export function referencedIds(value: unknown): string[] {
  const ids = new Set<string>();
  for (const match of render(value).matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z.]+)?\}/g)) {
    if (match[1] !== undefined) ids.add(match[1]);
  }
  return [...ids];
}

/** A one-element list for a scalar, the list itself otherwise. */
export function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * The items of a CloudFormation list with `Fn::If` items replaced by both of their branches (less
 * `AWS::NoValue`), so a statement behind a condition is reviewed whichever way the condition goes.
 */
export function bothBranches(items: unknown[]): unknown[] {
  return items.flatMap((item) => {
    const branches = isRecord(item) && Array.isArray(item['Fn::If']) ? item['Fn::If'].slice(1) : undefined;
    if (branches === undefined) return [item];
    return bothBranches(branches.filter((branch) => !(isRecord(branch) && branch.Ref === 'AWS::NoValue')));
  });
}

export function ofType(resources: Record<string, CfnResource>, ...types: string[]): [string, CfnResource][] {
  return Object.entries(resources).filter(([, resource]) => types.includes(resource.Type));
}
