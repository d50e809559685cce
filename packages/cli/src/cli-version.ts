import rootPackage from '../../../package.json';

/** Vigil's version: the repository root `package.json` version (the CLI ships with the repo, not alone). */
export const CLI_VERSION: string = rootPackage.version;
