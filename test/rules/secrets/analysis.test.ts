/**
 * The helpers under the secret rules: masking, names, value judgement, entropy, folding, files.
 */
import * as assert from 'node:assert/strict';
import { characterClasses, isSequential, shannonEntropy } from '../../../rules/analysis/secrets/entropy';
import { isLockfile, looksMinified, pathBelowProjectRoot, secretRuleOptions } from '../../../rules/analysis/secrets/files';
import { collectConstants, foldString } from '../../../rules/analysis/secrets/fold';
import { decodeBase64, judgeAuthorization, judgeNamedValue, looksGenerated } from '../../../rules/analysis/secrets/judge';
import { decodeBase64Url, jwtExpiry } from '../../../rules/analysis/secrets/jwt';
import { maskSecret } from '../../../rules/analysis/secrets/mask';
import { classifySecretName, nameWords, toEnvironmentName } from '../../../rules/analysis/secrets/names';
import { isDocumentedExample, isHashValue, isNameOrLocation, isPlaceholder, isReference } from '../../../rules/analysis/secrets/values';
import { Project } from '../../../rules/engine/project';
import { parseJavaScript } from '../../../rules/parse/javascript';
import { jwt } from './tokens';

describe('maskSecret', () => {
  it('shows the first four characters and the length', () => {
    assert.equal(maskSecret('ghp_0123456789abcdefghijABCDEFGHIJ012345'), 'ghp_… (40 chars)');
  });

  it('never shows more than a quarter of a short value', () => {
    assert.equal(maskSecret('hunter22'), 'hu… (8 chars)');
    assert.equal(maskSecret('abc'), '… (3 chars)');
    assert.equal(maskSecret('x'), '… (1 char)');
    assert.equal(maskSecret(''), '… (0 chars)');
  });

  it('counts characters, not UTF-16 units', () => {
    assert.equal(maskSecret('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑'), '🔑🔑🔑🔑… (16 chars)');
  });
});

describe('secret names', () => {
  const secretNames: [string, string][] = [
    ['password', 'password'],
    ['dbPassword', 'password'],
    ['DB_PASSWORD', 'password'],
    ['db-password', 'password'],
    ['dbpassword', 'password'],
    ['DB_PASS', 'password'],
    ['passphrase', 'passphrase'],
    ['clientSecret', 'secret'],
    ['SECRET_KEY', 'secret key'],
    ['apiKey', 'API key'],
    ['x-api-key', 'API key'],
    ['apikey', 'API key'],
    ['aws_secret_access_key', 'access key'],
    ['authToken', 'token'],
    ['AWS_SESSION_TOKEN', 'token'],
    ['Authorization', 'credential'],
    ['credentials', 'credential'],
    ['API_KEY_PROD', 'API key'],
    ['tokenValue', 'token'],
  ];
  for (const [name, label] of secretNames) {
    it(`reads ${name} as a ${label}`, () => assert.equal(classifySecretName(name)?.label, label));
  }

  const otherNames = [
    'passwordPolicy',
    'passwordHash',
    'tokenExpiry',
    'secretArn',
    'secretName',
    'NextToken',
    'ContinuationToken',
    'ClientToken',
    'taskToken',
    'csrfToken',
    'Key',
    'cacheKey',
    'publicKey',
    'publishableKey',
    'anonKey',
    'PWD',
    'firstPass',
    'authType',
    'privateKeyId',
    'keyboard',
    'monkey',
  ];
  for (const name of otherNames) {
    it(`does not read ${name} as a secret`, () => assert.equal(classifySecretName(name), undefined));
  }

  it('splits names into words and makes environment variable names', () => {
    assert.deepEqual(nameWords('stripeSecretKey'), ['stripe', 'secret', 'key']);
    assert.deepEqual(nameWords('HTTPSProxyURL'), ['https', 'proxy', 'url']);
    assert.equal(toEnvironmentName('stripeSecretKey'), 'STRIPE_SECRET_KEY');
    assert.equal(toEnvironmentName('x-api-key'), 'X_API_KEY');
    assert.equal(toEnvironmentName('2fa-secret'), 'SECRET_2FA_SECRET');
  });
});

describe('secret values', () => {
  it('knows references to secret stores', () => {
    for (const value of [
      '${ssm:/app/dev/DB_PASSWORD}',
      '${env:TOKEN}',
      '{{resolve:secretsmanager:db:SecretString:password}}',
      '{{resolve:ssm-secure:/app/token:3}}',
      '@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/x/)',
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf',
    ]) {
      assert.equal(isReference(value), true, value);
    }
    assert.equal(isReference('hunter22'), false);
  });

  it('knows placeholders', () => {
    for (const value of ['', '  ', '<your-token>', 'xxxx-xxxx', '********', 'changeme', 'CHANGE_ME', 'your-api-key-here', '$TOKEN', '%TOKEN%', '{token}', '{{ token }}', 'aaaaaaaa', '12345678', 'abcdefgh', 'key-00000000000000000000', 'password', 'example-secret']) {
      assert.equal(isPlaceholder(value), true, value);
    }
    for (const value of ['Tr0ub4dor&3', 'a1b2c3d4e5f6g7h8', 'hunter22x']) assert.equal(isPlaceholder(value), false, value);
  });

  it('knows documented examples, hashes, names and locations', () => {
    assert.equal(isDocumentedExample('AKIAIOSFODNN7EXAMPLE'), true);
    assert.equal(isDocumentedExample('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'), true);
    assert.equal(isHashValue('$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'), true);
    assert.equal(isHashValue('sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=='), true);
    assert.equal(isNameOrLocation('DB_PASSWORD'), true);
    assert.equal(isNameOrLocation('/billing/prod/db-password'), true);
    assert.equal(isNameOrLocation('https://auth.internal/token'), true);
    assert.equal(isNameOrLocation('https://user:pw@auth.internal/token'), false);
  });

  it('tells generated values from words', () => {
    assert.equal(looksGenerated('a1b2c3d4e5f6g7h8'), true);
    assert.equal(looksGenerated('Zm9vYmFyYmF6cXV4MTIz'), true);
    assert.equal(looksGenerated('some-token-value'), false);
    assert.equal(looksGenerated('short1'), false);
  });

  it('judges a named value by the tier of its name', () => {
    const password = classifySecretName('password');
    const token = classifySecretName('token');
    const auth = classifySecretName('auth');
    assert.ok(password && token && auth);
    assert.equal(judgeNamedValue(password, 'hunter22'), 'hunter22');
    assert.equal(judgeNamedValue(password, 'hunt2'), undefined, 'too short');
    assert.equal(judgeNamedValue(password, 'Enter your password'), undefined, 'a label');
    assert.equal(judgeNamedValue(token, 'hunter22'), undefined, 'not random enough for a token');
    assert.equal(judgeNamedValue(token, 'a1b2c3d4e5f6g7h8'), 'a1b2c3d4e5f6g7h8');
    assert.equal(judgeNamedValue(auth, 'admin:8e254ed4'), 'admin:8e254ed4');
    assert.equal(judgeNamedValue(auth, 'user:password'), undefined);
  });

  it('reads Authorization values', () => {
    assert.deepEqual(judgeAuthorization(`Basic ${Buffer.from('ops:Qz4Lk8Wp').toString('base64')}`), { scheme: 'Basic', credential: Buffer.from('ops:Qz4Lk8Wp').toString('base64') });
    assert.deepEqual(judgeAuthorization('Basic ops:Qz4Lk8Wp'), { scheme: 'Basic', credential: 'ops:Qz4Lk8Wp' });
    assert.deepEqual(judgeAuthorization('Bearer Xk29fLq8Zt3Wm7Rv1Np4'), { scheme: 'Bearer', credential: 'Xk29fLq8Zt3Wm7Rv1Np4' });
    assert.equal(judgeAuthorization('Bearer <token>'), undefined);
    assert.equal(judgeAuthorization(`Basic ${Buffer.from('user:password').toString('base64')}`), undefined);
    assert.equal(judgeAuthorization('Bearer'), undefined);
    assert.equal(decodeBase64('not base64!'), undefined);
  });
});

describe('entropy', () => {
  it('measures bits per character', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.ok(shannonEntropy('Zm9vYmFyYmF6cXV4MTIz') > 3.5);
  });

  it('names character classes and runs', () => {
    assert.deepEqual(characterClasses('aB3-'), { lower: true, upper: true, digit: true, symbol: true });
    assert.equal(isSequential('123456'), true);
    assert.equal(isSequential('fedcba'), true);
    assert.equal(isSequential('123465'), false);
  });
});

describe('constant folding', () => {
  function fold(source: string, expression: string): string | undefined {
    const program = parseJavaScript('a.ts', `${source}\nconst __value = ${expression};`).ast;
    assert.ok(program);
    const constants = collectConstants(program);
    const init = constants.get('__value');
    assert.ok(init);
    return foldString(init, { constants });
  }

  it('folds concatenation, template literals, consts and base64 encodings', () => {
    assert.equal(fold('', "'Basic ' + 'user:pw'"), 'Basic user:pw');
    assert.equal(fold("const T = 'abc';", '`Bearer ${T}`'), 'Bearer abc');
    assert.equal(fold('', "'n' + 1 + 2"), 'n12');
    assert.equal(fold('', "Buffer.from('user:pw').toString('base64')"), Buffer.from('user:pw').toString('base64'));
    assert.equal(fold('', "btoa('user:pw')"), Buffer.from('user:pw').toString('base64'));
    assert.equal(fold('', "('a' as string) + 'b'"), 'ab');
  });

  it('does not follow what may change or is not constant', () => {
    assert.equal(fold("let T = 'abc';", "'x' + T"), undefined);
    assert.equal(fold("const T = 'abc'; function f(T) { return T; }", "'x' + T"), undefined, 'a name declared twice');
    assert.equal(fold('', "'x' + process.env.T"), undefined);
    assert.equal(fold('', "Buffer.from('x').toString('hex')"), undefined);
  });
});

describe('JWT claims', () => {
  it('reads exp, and nothing from text that is not a JWT', () => {
    assert.equal(jwtExpiry(jwt({ exp: 1577836800 }))?.toISOString(), '2020-01-01T00:00:00.000Z');
    assert.equal(jwtExpiry(jwt({ sub: 'x' })), undefined);
    assert.equal(jwtExpiry('a.b.c'), undefined);
    assert.equal(decodeBase64Url('a'), undefined);
  });
});

describe('secret rule files', () => {
  it('skips lockfiles', () => {
    assert.equal(isLockfile('app/package-lock.json'), true);
    assert.equal(isLockfile('pnpm-lock.yaml'), true);
    assert.equal(isLockfile('yarn.lock'), true);
    assert.equal(isLockfile('serverless.yml'), false);
  });

  it('recognises minified text', () => {
    assert.equal(looksMinified('dist/app.min.js', 'var a = 1;'), true);
    assert.equal(looksMinified('dist/app.js', `${'a=1;'.repeat(300)}\n`), true);
    assert.equal(looksMinified('src/app.js', `${'a = 1; '.repeat(300)}\n`), false);
    assert.equal(looksMinified('src/app.js', 'const a = 1;\n'), false);
  });

  it('reads paths below the root of the project’s templates', () => {
    const model = new Project([
      ['/home/u/test/app/serverless.yml', 'service: a\n'],
      ['/home/u/test/app/fixtures/b/serverless.yml', 'service: b\n'],
    ]).model;
    assert.equal(pathBelowProjectRoot('/home/u/test/app/src/a.js', model), 'src/a.js');
    assert.equal(pathBelowProjectRoot('/home/u/test/app/fixtures/b/src/a.js', model), 'fixtures/b/src/a.js');
    assert.equal(pathBelowProjectRoot('test/a.js', new Project([['test/a.js', '']]).model), 'test/a.js', 'no template: the path as given');
  });

  it('validates options', () => {
    assert.deepEqual(secretRuleOptions({ testFixtures: ['qa/**'] }), { testFixtures: ['qa/**'] });
    assert.throws(() => secretRuleOptions({ testFixtures: 'qa/**' }), /list of glob strings/);
    assert.throws(() => secretRuleOptions({ other: 1 }), /unknown option "other"/);
    assert.throws(() => secretRuleOptions([]), /must be a map/);
  });
});
