import rule from '../../../rules/checks/secrets/jwt';
import { maskSecret } from '../../../rules/analysis/secrets/mask';
import { js, testRule, yaml } from '../../helpers/rule-tester';
import { jwt } from './tokens';

/**
 * 2100-01-01T00:00:00Z and 2020-01-01T00:00:00Z as `exp` claims: the rule tester runs with the
 * current date, so "future" is far enough out not to become past.
 */
const FUTURE = 4102444800;
const PAST = 1577836800;

const SERVICE_TOKEN = jwt({ sub: 'billing-service', scope: 'invoices:write' });
const EXPIRING = jwt({ sub: 'report', exp: FUTURE }, 11);
const EXPIRED = jwt({ sub: 'report', exp: PAST }, 12);

testRule(rule, {
  valid: [
    {
      name: 'jwt.io’s sample token',
      files: {
        'src/demo.js': js`const demo = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';`,
      },
    },
    {
      name: 'three dotted base64 parts that are not JSON',
      files: { 'src/a.js': js`const v = 'eyJub3Rqc29uIGF0IGFsbA.eyJhbHNvIG5vdCBqc29u.c2lnbmF0dXJl';` },
    },
    {
      name: 'a header without an algorithm',
      files: { 'src/a.js': js`const v = '${Buffer.from('{"typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.c2ln';` },
    },
    {
      name: 'a token under a secret name in an environment block is secrets/template-environment’s',
      files: { 'serverless.yml': `service: a\nprovider:\n  name: aws\n  environment:\n    SERVICE_TOKEN: ${SERVICE_TOKEN}\n` },
    },
  ],
  invalid: [
    {
      name: 'a token without an expiry in a handler, moved to the environment',
      files: {
        'src/client.js': js`
          const client = axios.create({ headers: { Authorization: 'Bearer ' + '${SERVICE_TOKEN}' } });
          const serviceToken = '${SERVICE_TOKEN}';
        `,
      },
      errors: [
        {
          messageId: 'jwt',
          data: { secret: maskSecret(SERVICE_TOKEN), expiry: 'that never expires' },
          file: 'src/client.js',
          line: 1,
          column: 70,
          endLine: 1,
          endColumn: 70 + SERVICE_TOKEN.length,
          suggestions: [],
        },
        {
          messageId: 'jwt',
          data: { secret: maskSecret(SERVICE_TOKEN), expiry: 'that never expires' },
          file: 'src/client.js',
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 23 + SERVICE_TOKEN.length,
          suggestions: [
            {
              messageId: 'readFromEnvironment',
              output: {
                'src/client.js': js`
                  const client = axios.create({ headers: { Authorization: 'Bearer ' + '${SERVICE_TOKEN}' } });
                  const serviceToken = process.env.SERVICE_TOKEN;
                `,
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'expiry dates, judged against the rule context’s date; a public anon key in an environment block',
      files: {
        'config.yml': yaml`
          report_token: ${EXPIRING}
          old_token: ${EXPIRED}
        `,
        'serverless.yml': `service: web\nprovider:\n  name: aws\n  environment:\n    SUPABASE_ANON_KEY: ${SERVICE_TOKEN}\n`,
      },
      errors: [
        { messageId: 'jwt', data: { secret: maskSecret(EXPIRING), expiry: 'valid until 2100-01-01' }, file: 'config.yml', line: 1, column: 15, endLine: 1, endColumn: 15 + EXPIRING.length },
        { messageId: 'jwt', data: { secret: maskSecret(EXPIRED), expiry: 'that expired on 2020-01-01' }, file: 'config.yml', line: 2, column: 12, endLine: 2, endColumn: 12 + EXPIRED.length },
        { messageId: 'jwt', data: { secret: maskSecret(SERVICE_TOKEN), expiry: 'that never expires' }, file: 'serverless.yml', line: 5, column: 24, endLine: 5, endColumn: 24 + SERVICE_TOKEN.length },
      ],
      output: null,
    },
  ],
});
