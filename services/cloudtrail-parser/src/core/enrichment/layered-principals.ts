import type { IssuedCredentials } from './issued-credentials';
import type { PrincipalIndex } from './principal-index';
import type { PrincipalLookup, PrincipalStore } from './principal-store';

/**
 * Issued keys seen in memory first (this file, and earlier files of a warm Lambda), then the durable
 * store (keys issued in files other Lambdas read). What the store returns is cached in the index.
 */
export function layeredPrincipals(index: PrincipalIndex, store: PrincipalStore): PrincipalLookup {
  return {
    async get(accessKeyId: string): Promise<IssuedCredentials | undefined> {
      const known = index.lookup(accessKeyId);
      if (known !== undefined) return known;
      const stored = await store.get(accessKeyId);
      if (stored !== undefined) index.remember(stored);
      return stored;
    },
  };
}
