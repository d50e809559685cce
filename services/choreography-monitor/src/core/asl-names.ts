/**
 * Names of the states the compiler adds around each declared waiting state. Declared names are
 * identifiers (no spaces), generated ones contain a space, so the two can never collide.
 */
export const aslNames = {
  route: (state: string) => `Route ${state}`,
  unexpected: (state: string) => `Unexpected in ${state}`,
  failUnexpected: (state: string) => `Fail unexpected in ${state}`,
  reportStuck: (state: string) => `Report ${state} stuck`,
  stuck: (state: string) => `${state} stuck`,
} as const;

/** Placeholders in the generated ASL, filled by `DefinitionSubstitutions` (or locally before CreateStateMachine). */
export const ASL_SUBSTITUTIONS = {
  tokensTable: 'TokensTableName',
  vigilEventBus: 'VigilEventBusName',
} as const;

/** Sort key of the item a waiting state writes. */
export const TOKEN_SORT_KEY = 'TOKEN';

/** Error names the generated Fail states use. */
export const WORKFLOW_ERRORS = {
  unexpectedEvent: 'Vigil.UnexpectedEvent',
  stuck: 'Vigil.WorkflowStuck',
} as const;
