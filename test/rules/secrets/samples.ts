/**
 * One positive and one negative sample per entry of the provider pattern table
 * (`rules/analysis/secrets/patterns.ts`). `patterns.test.ts` checks that every entry has both and
 * that each behaves; the rule tests reuse them.
 */
import { jwt, randomText, TOKENS, withBadChecksum } from './tokens';

export interface PatternSample {
  /** A file holding the secret once. */
  file: string;
  text: string;
  /** The exact text the pattern reports. */
  secret: string;
  /** A near miss the pattern must not report. */
  negative: { file: string; text: string };
}

const js = (value: string): string => `const value = '${value}';\n`;

export const PATTERN_SAMPLES: Record<string, PatternSample> = {
  'private-key': {
    file: 'keys/deploy.pem',
    text: `-----BEGIN RSA PRIVATE KEY-----\n${TOKENS.rsaKeyBody}\n-----END RSA PRIVATE KEY-----\n`,
    secret: '-----BEGIN RSA PRIVATE KEY-----',
    negative: { file: 'docs/keys.md', text: 'Paste the key between -----BEGIN RSA PRIVATE KEY----- and -----END RSA PRIVATE KEY-----.\n' },
  },
  'aws-access-key-id': {
    file: 'src/aws.js',
    text: js('AKIA2E0A8F3B244C9986'),
    secret: 'AKIA2E0A8F3B244C9986',
    negative: { file: 'src/aws.js', text: js('AKIAIOSFODNN7EXAMPLE') },
  },
  'aws-secret-access-key': {
    file: '.env',
    text: `AWS_ACCESS_KEY_ID=AKIA2E0A8F3B244C9986\nAWS_SECRET_ACCESS_KEY=${TOKENS.awsSecretKey}\n`,
    secret: TOKENS.awsSecretKey,
    // Without a key id nearby, forty base64 characters are just that.
    negative: { file: '.env', text: `BUILD_HASH=${TOKENS.awsSecretKey}\n` },
  },
  'github-personal-access-token': {
    file: 'src/github.js',
    text: js(TOKENS.githubPersonal),
    secret: TOKENS.githubPersonal,
    negative: { file: 'src/github.js', text: js(withBadChecksum(TOKENS.githubPersonal)) },
  },
  'github-oauth-token': {
    file: 'src/github.js',
    text: js(TOKENS.githubOAuth),
    secret: TOKENS.githubOAuth,
    negative: { file: 'src/github.js', text: js(withBadChecksum(TOKENS.githubOAuth)) },
  },
  'github-user-to-server-token': {
    file: 'src/github.js',
    text: js(TOKENS.githubUserToServer),
    secret: TOKENS.githubUserToServer,
    negative: { file: 'src/github.js', text: js(withBadChecksum(TOKENS.githubUserToServer)) },
  },
  'github-server-to-server-token': {
    file: 'src/github.js',
    text: js(TOKENS.githubServerToServer),
    secret: TOKENS.githubServerToServer,
    negative: { file: 'src/github.js', text: js(withBadChecksum(TOKENS.githubServerToServer)) },
  },
  'github-refresh-token': {
    file: 'src/github.js',
    text: js(TOKENS.githubRefresh),
    secret: TOKENS.githubRefresh,
    negative: { file: 'src/github.js', text: js(withBadChecksum(TOKENS.githubRefresh)) },
  },
  'github-fine-grained-token': {
    file: 'src/github.js',
    text: js(TOKENS.githubFineGrained),
    secret: TOKENS.githubFineGrained,
    negative: { file: 'src/github.js', text: js(TOKENS.githubFineGrained.slice(0, -1)) },
  },
  'gitlab-token': {
    file: 'ci/config.yml',
    text: `token: ${TOKENS.gitlab}\n`,
    secret: TOKENS.gitlab,
    negative: { file: 'ci/config.yml', text: 'token: glpat-xxxxxxxxxxxxxxxxxxxx\n' },
  },
  'slack-token': {
    file: 'src/slack.js',
    text: js(TOKENS.slack),
    secret: TOKENS.slack,
    negative: { file: 'src/slack.js', text: js('xoxb-your-bot-token') },
  },
  'slack-webhook': {
    file: 'src/notify.js',
    text: js(TOKENS.slackWebhook),
    secret: TOKENS.slackWebhook,
    negative: { file: 'src/notify.js', text: js('https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX') },
  },
  'stripe-live-key': {
    file: 'src/pay.js',
    text: js(TOKENS.stripe),
    secret: TOKENS.stripe,
    negative: { file: 'src/pay.js', text: js(TOKENS.stripe.replace('live', 'test')) },
  },
  'twilio-api-key': {
    file: 'src/sms.js',
    text: js(TOKENS.twilio),
    secret: TOKENS.twilio,
    // An account SID is an identifier, not a credential.
    negative: { file: 'src/sms.js', text: js(`AC${TOKENS.twilio.slice(2)}`) },
  },
  'sendgrid-api-key': {
    file: 'src/mail.js',
    text: js(TOKENS.sendgrid),
    secret: TOKENS.sendgrid,
    negative: { file: 'src/mail.js', text: js(TOKENS.sendgrid.slice(0, 30)) },
  },
  'mailgun-api-key': {
    file: 'src/mail.js',
    text: js(TOKENS.mailgun),
    secret: TOKENS.mailgun,
    negative: { file: 'src/mail.js', text: js(`key-${'0'.repeat(32)}`) },
  },
  'google-api-key': {
    file: 'src/maps.js',
    text: js(TOKENS.google),
    secret: TOKENS.google,
    negative: { file: 'src/maps.js', text: js(`AIza${randomText(20, 20)}`) },
  },
  'azure-storage-account-key': {
    file: 'src/storage.js',
    text: js(`DefaultEndpointsProtocol=https;AccountName=orders;AccountKey=${TOKENS.azureAccountKey};EndpointSuffix=core.windows.net`),
    secret: TOKENS.azureAccountKey,
    negative: { file: 'src/storage.js', text: js('DefaultEndpointsProtocol=https;AccountName=orders;AccountKey=<account-key>') },
  },
  'azure-shared-access-key': {
    file: 'src/bus.js',
    text: js(`Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${TOKENS.azureSharedAccessKey}`),
    secret: TOKENS.azureSharedAccessKey,
    negative: { file: 'src/bus.js', text: js('Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={key}') },
  },
  'azure-sas-signature': {
    file: 'src/blob.js',
    text: js(`https://orders.blob.core.windows.net/scans?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&sig=${TOKENS.azureSasSignature}`),
    secret: TOKENS.azureSasSignature,
    // `sig=` without the SAS service version is some other signed URL.
    negative: { file: 'src/blob.js', text: js(`https://cdn.example.net/a.png?sig=${TOKENS.azureSasSignature}`) },
  },
  'connection-string-password': {
    file: 'src/db.js',
    text: js('Server=tcp:orders.database.windows.net,1433;Initial Catalog=orders;User ID=app;Password=Pr0d-Passw0rd!;'),
    secret: 'Pr0d-Passw0rd!',
    negative: { file: 'src/db.js', text: js('Server=tcp:orders.database.windows.net;User ID=app;Password=<password>;') },
  },
  'database-url': {
    file: 'src/db.js',
    text: js('postgres://app:S3cretPw9@db.internal:5432/orders'),
    secret: 'S3cretPw9',
    negative: { file: 'src/db.js', text: js('postgres://user:password@localhost:5432/orders') },
  },
  'url-password': {
    file: 'src/deploy.js',
    text: js('https://deploy:T0ken4Deploy99@git.internal.test/app.git'),
    secret: 'T0ken4Deploy99',
    negative: { file: 'src/deploy.js', text: js('https://deploy:${DEPLOY_TOKEN}@git.internal.test/app.git') },
  },
  'npm-token': {
    file: '.npmrc.json',
    text: `{ "token": "${TOKENS.npm}" }\n`,
    secret: TOKENS.npm,
    negative: { file: '.npmrc.json', text: `{ "token": "${withBadChecksum(TOKENS.npm)}" }\n` },
  },
  'anthropic-api-key': {
    file: 'src/ai.js',
    text: js(TOKENS.anthropic),
    secret: TOKENS.anthropic,
    negative: { file: 'src/ai.js', text: js('sk-ant-api03-...') },
  },
  'openai-api-key': {
    file: 'src/ai.js',
    text: js(TOKENS.openai),
    secret: TOKENS.openai,
    // Without the `T3BlbkFJ` marker an `sk-` string is not an OpenAI key.
    negative: { file: 'src/ai.js', text: js(`sk-proj-${randomText(26, 80)}`) },
  },
  jwt: {
    file: 'src/client.js',
    text: js(jwt({ sub: 'service', role: 'admin' })),
    secret: jwt({ sub: 'service', role: 'admin' }),
    // jwt.io's default token, printed in countless tutorials.
    negative: {
      file: 'src/client.js',
      text: js('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'),
    },
  },
};
