// Quiet powertools logs/metrics in tests and load the aws-sdk-client-mock matchers once.
process.env.POWERTOOLS_DEV = 'true';
process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT';
process.env.AWS_REGION = process.env.AWS_REGION ?? 'us-east-1';
require('aws-sdk-client-mock-jest');
