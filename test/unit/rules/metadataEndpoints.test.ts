import { strict as assert } from 'node:assert';
import { cloudOfHost, ipv4Value, metadataRequests } from '../../../src/core/rules/support/metadataEndpoints';

describe('metadata endpoints: every spelling of the address', () => {
  const hosts: Array<[string, string | undefined]> = [
    ['169.254.169.254', 'cloud'],
    ['2852039166', 'cloud'],
    ['0xa9fea9fe', 'cloud'],
    ['0xA9FEA9FE', 'cloud'],
    ['0251.0376.0251.0376', 'cloud'],
    ['0xa9.0xfe.0xa9.0xfe', 'cloud'],
    ['169.254.43518', 'cloud'],
    ['169.16689662', 'cloud'],
    ['[fd00:ec2::254]', 'AWS'],
    ['[::ffff:169.254.169.254]', 'cloud'],
    ['[::ffff:a9fe:a9fe]', 'cloud'],
    ['169.254.170.2', 'ECS container'],
    ['169.254.170.23', 'EKS pod identity'],
    ['100.100.100.200', 'Alibaba Cloud'],
    ['metadata.google.internal', 'Google Cloud'],
    ['metadata.google.internal.', 'Google Cloud'],
    ['instance-data', 'AWS'],
    ['169.254.169.254.nip.io', 'cloud'],
    ['169-254-169-254.sslip.io', 'cloud'],
    ['a9fea9fe.nip.io', 'cloud'],
    // look-alikes
    ['169.254.169.253', undefined],
    ['169.254.1.1', undefined],
    ['10.0.0.5', undefined],
    ['localhost', undefined],
    ['metadata.example.com', undefined],
    ['[fd00::1]', undefined],
    ['127.0.0.1.nip.io', undefined],
    ['256.254.169.254', undefined],
  ];
  for (const [host, cloud] of hosts) it(`${host} -> ${cloud ?? 'not a metadata service'}`, () => assert.equal(cloudOfHost(host), cloud));

  it('reads inet_aton forms', () => {
    assert.equal(ipv4Value('127.1'), 0x7f000001);
    assert.equal(ipv4Value('0x7f.1'), 0x7f000001);
    assert.equal(ipv4Value('1.2.3.4.5'), undefined);
    assert.equal(ipv4Value('1.2.3.256'), undefined);
  });

  const requests: Array<[string, boolean]> = [
    ['http://169.254.169.254/latest/meta-data/iam/security-credentials/', true],
    ['http://169.254.169.254/latest/user-data', true],
    ['http://169.254.169.254/latest/meta-data/identity-credentials/ec2/security-credentials/ec2-instance', true],
    ['http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01', true],
    ['http://metadata/computeMetadata/v1/instance/attributes/?recursive=true', true],
    ['http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token', true],
    ['http://169.254.170.2/v2/credentials/abc', true],
    ['http://169.254.169.254/latest/meta-data/$ROLE', true],
    ['169.254.169.254/latest/meta-data/iam/info', true],
    ['http://169.254.169.254/opc/v2/instance/', true],
    ['http://169.254.169.254/latest/meta-data/instance-id', false],
    ['http://169.254.169.254/latest/meta-data/placement/region', false],
    ['http://169.254.169.254/latest/dynamic/instance-identity/document', false],
    ['http://metadata.google.internal/computeMetadata/v1/project/project-id', false],
    ['http://169.254.169.254/metadata/instance/compute?api-version=2021-02-01', false],
    ['https://api.github.com/zen', false],
  ];
  for (const [url, flagged] of requests) it(`${flagged ? 'credential request' : 'descriptive'}: ${url}`, () => assert.equal(metadataRequests([url]).length > 0, flagged));
});
