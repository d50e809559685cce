import { parse, type Tags } from 'yaml';

const FUNCTIONS = [
  'Ref',
  'Condition',
  'GetAtt',
  'Sub',
  'Join',
  'Select',
  'Split',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'FindInMap',
  'Base64',
  'GetAZs',
  'ImportValue',
  'Cidr',
];

function keyOf(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

// CloudFormation short forms (`!Ref X`, `!GetAtt A.B`, `!Sub [...]`) become their long forms.
const CFN_TAGS: Tags = FUNCTIONS.flatMap((name) => [
  {
    tag: `!${name}`,
    resolve: (value: string) => ({ [keyOf(name)]: name === 'GetAtt' ? value.split('.') : value }),
  },
  ...(['seq', 'map'] as const).map((collection) => ({
    tag: `!${name}`,
    collection,
    resolve: (node: { toJSON(): unknown }) => ({ [keyOf(name)]: node.toJSON() }),
  })),
]);

/**
 * Parses serverless.yml (or a CloudFormation YAML template) with the `!Ref`-style short forms.
 *
 * @example
 * parseTemplateYaml('a: !GetAtt Table.Arn') // { a: { 'Fn::GetAtt': ['Table', 'Arn'] } }
 */
export function parseTemplateYaml(text: string): unknown {
  return parse(text, { customTags: CFN_TAGS, merge: true });
}
