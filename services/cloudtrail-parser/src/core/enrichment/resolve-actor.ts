import type { AlertActor } from '@vigil/event-schema';
import type { AccountDirectory, AccountInfo } from './account-directory';
import { type IssuedCredentials, readOnBehalfOf } from './issued-credentials';
import type { PrincipalLookup } from './principal-store';
import { isJsonObject, objectAt, stringAt } from './record-fields';

/** What `resolveActor` reads: issued keys (index or store) and, optionally, account metadata. */
export interface ResolveActorDeps {
  principals: PrincipalLookup;
  accounts?: AccountDirectory | undefined;
}

/** Synchronous lookups, for callers that keep everything in memory (`vigil scan`). */
export interface ResolveActorSyncDeps {
  principals: { lookup(accessKeyId: string): IssuedCredentials | undefined };
  accounts?: { lookup(accountId: string): AccountInfo | undefined } | undefined;
}

/** Longest role chain followed; real chains are 2–4 hops, a loop in bad data must still end. */
export const MAX_CHAIN_LENGTH = 16;

/**
 * The alert's `actor`: the caller as CloudTrail names it, plus the principal behind the session —
 * `sessionContext.sourceIdentity` when set, else the start of the chain of STS issuances that led to the
 * caller's access key (each issued key found in `principals` points at the key its issuer used), else the
 * Identity Center user of `onBehalfOf`. `chain` runs from that original principal to the caller.
 */
export async function resolveActor(
  record: Record<string, unknown>,
  deps: ResolveActorDeps
): Promise<AlertActor> {
  const issuances: IssuedCredentials[] = [];
  const seen = new Set<string>();
  let key = stringAt(record, ['userIdentity', 'accessKeyId']);
  while (key !== undefined && !seen.has(key) && issuances.length < MAX_CHAIN_LENGTH) {
    seen.add(key);
    const issued = await deps.principals.get(key);
    if (issued === undefined) break;
    issuances.push(issued);
    key = issued.issuer.accessKeyId;
  }
  const accountId =
    stringAt(record, ['userIdentity', 'accountId']) ?? stringAt(record, ['recipientAccountId']);
  const account =
    accountId === undefined || deps.accounts === undefined ? undefined : await deps.accounts.get(accountId);
  return buildActor(record, issuances, account);
}

/** {@link resolveActor} over in-memory lookups, without promises (the scanner's hot path). */
export function resolveActorSync(record: Record<string, unknown>, deps: ResolveActorSyncDeps): AlertActor {
  const issuances: IssuedCredentials[] = [];
  const seen = new Set<string>();
  let key = stringAt(record, ['userIdentity', 'accessKeyId']);
  while (key !== undefined && !seen.has(key) && issuances.length < MAX_CHAIN_LENGTH) {
    seen.add(key);
    const issued = deps.principals.lookup(key);
    if (issued === undefined) break;
    issuances.push(issued);
    key = issued.issuer.accessKeyId;
  }
  const accountId =
    stringAt(record, ['userIdentity', 'accountId']) ?? stringAt(record, ['recipientAccountId']);
  const account = accountId === undefined ? undefined : deps.accounts?.lookup(accountId);
  return buildActor(record, issuances, account);
}

/** `issuances` run from the caller's own key back towards the original principal. */
function buildActor(
  record: Record<string, unknown>,
  issuances: readonly IssuedCredentials[],
  account: AccountInfo | undefined
): AlertActor {
  const identity = objectAt(record, ['userIdentity']) ?? {};
  const arn = stringAt(identity, ['arn']);
  const chain = buildChain(issuances);
  const sourceIdentity =
    stringAt(identity, ['sessionContext', 'sourceIdentity']) ??
    issuances.map((issued) => issued.sourceIdentity ?? issued.issuer.sourceIdentity).find((value) => value);
  const onBehalfOf = identity.onBehalfOf;
  const origin = issuances[issuances.length - 1];

  const actor: AlertActor = { type: stringAt(identity, ['type']) ?? 'Unknown', chain };
  assign(actor, 'arn', arn);
  assign(actor, 'accountId', stringAt(identity, ['accountId']));
  assign(actor, 'accountAlias', account?.alias);
  assign(actor, 'principalId', stringAt(identity, ['principalId']));
  assign(
    actor,
    'userName',
    stringAt(identity, ['userName']) ?? stringAt(identity, ['sessionContext', 'sessionIssuer', 'userName'])
  );
  assign(actor, 'accessKeyId', stringAt(identity, ['accessKeyId']));
  assign(actor, 'sourceIdentity', sourceIdentity);
  assign(actor, 'sessionName', sessionNameOf(arn) ?? issuances[0]?.sessionName);
  if (isJsonObject(onBehalfOf)) {
    const userId = stringAt(onBehalfOf, ['userId']);
    const identityStoreArn = stringAt(onBehalfOf, ['identityStoreArn']);
    if (userId !== undefined)
      actor.onBehalfOf = identityStoreArn === undefined ? { userId } : { userId, identityStoreArn };
  }
  assign(
    actor,
    'originalPrincipal',
    sourceIdentity ??
      readOnBehalfOf(identity) ??
      (origin === undefined ? directPrincipal(identity) : principalOf(origin))
  );
  return actor;
}

/** Original principal first: the issuer of the earliest known issuance, then each issued session. */
function buildChain(issuances: readonly IssuedCredentials[]): AlertActor['chain'] {
  if (issuances.length === 0) return [];
  const ordered = [...issuances].reverse();
  const first = ordered[0];
  const chain: AlertActor['chain'] = [];
  if (first !== undefined) {
    const link: AlertActor['chain'][number] = { arn: principalOf(first) };
    assign(link, 'accessKeyId', first.issuer.accessKeyId);
    chain.push(link);
  }
  for (const issued of ordered) {
    const link: AlertActor['chain'][number] = {
      arn: issued.sessionArn ?? issued.roleArn ?? `${issued.eventName}:${issued.accessKeyId}`,
      accessKeyId: issued.accessKeyId,
    };
    assign(link, 'sessionName', issued.sessionName);
    assign(link, 'eventID', issued.eventID);
    assign(link, 'eventTime', issued.eventTime);
    chain.push(link);
  }
  return chain;
}

/** Who asked for an issuance: its ARN, the AWS service, or the federated subject. */
function principalOf(issued: IssuedCredentials): string {
  const { issuer } = issued;
  if (issuer.onBehalfOf !== undefined) return issuer.onBehalfOf;
  return (
    issuer.arn ??
    issuer.invokedBy ??
    (issuer.userName === undefined ? undefined : `${issuer.type ?? 'Unknown'}:${issuer.userName}`) ??
    issuer.principalId ??
    `unknown caller of ${issued.eventName}`
  );
}

/** Long-term identities are their own original principal; sessions without a known chain are not. */
function directPrincipal(identity: Record<string, unknown>): string | undefined {
  const type = stringAt(identity, ['type']);
  if (type === 'IAMUser' || type === 'Root') return stringAt(identity, ['arn']);
  if (type === 'AWSService') return stringAt(identity, ['invokedBy']);
  return undefined;
}

/** `arn:aws:sts::1:assumed-role/Role/session` → `session`. */
function sessionNameOf(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const match = /:assumed-role\/[^/]+\/(.+)$/.exec(arn) ?? /:federated-user\/(.+)$/.exec(arn);
  return match?.[1];
}

/** Sets an optional property only when defined (`exactOptionalPropertyTypes`). */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
