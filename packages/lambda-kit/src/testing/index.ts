export { corporaDir, expectedCorporaDir, findRepoRoot } from './corpora-dir';
export { describeCorpus } from './describe-corpus';
export { fakeContext } from './fake-context';
export { invokeHandler } from './invoke-handler';
export { loadJson } from './load-json';
export {
  type CfnResource,
  type CloudFormationTemplate,
  type PackagedService,
  type PackageServiceOptions,
  packageServiceTemplate,
} from './package-service-template';
export { seededRandom } from './seeded-random';
