import { orderByDeliveryTime } from '../../../../src/core/scan/collect-scan-inputs';

describe('orderByDeliveryTime', () => {
  it('orders CloudTrail files by the delivery time in their names, across regions and accounts', () => {
    // Arrange
    const files = [
      'AWSLogs/222/CloudTrail/eu-west-1/2024/05/01/222_CloudTrail_eu-west-1_20240501T1010Z_c.json.gz',
      'AWSLogs/111/CloudTrail/us-east-1/2024/05/01/111_CloudTrail_us-east-1_20240501T1005Z_b.json.gz',
      'AWSLogs/111/CloudTrail/eu-west-1/2024/05/01/111_CloudTrail_eu-west-1_20240501T1010Z_a.json.gz',
      'AWSLogs/111/CloudTrail-Insight/us-east-1/2024/05/01/111_CloudTrail-Insight_us-east-1_20240501T0900Z_i.json.gz',
    ];

    // Act
    const ordered = orderByDeliveryTime(files);

    // Assess: ties (10:10) keep their given order
    expect(ordered).toEqual([files[3], files[1], files[0], files[2]]);
  });

  it('puts files named otherwise first, in the order given', () => {
    // Arrange
    const files = ['logs/b_CloudTrail_us-east-1_20240501T1005Z_x.json.gz', 'logs/z.jsonl', 'logs/a.json'];

    // Act
    const ordered = orderByDeliveryTime(files);

    // Assess
    expect(ordered).toEqual(['logs/z.jsonl', 'logs/a.json', files[0]]);
  });
});
