// The tests use the same sample findings as the local scenarios and the benchmark.
export {
  ACCOUNT,
  accessAnalyzerExternalAccess,
  bucketResources,
  controlFinding,
  ec2Resource,
  guardDutyAsff,
  guardDutyEvent,
  inspectorCve,
  inspectorNetworkReachability,
  macieSensitiveData,
  nativeGuardDutyInstance,
  REGION,
  securityHubEvent,
} from '../../src/samples/asff-samples';
