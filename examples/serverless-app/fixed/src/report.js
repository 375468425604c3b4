'use strict';
// GET /invoices/report?file=<name>: converts a stored invoice scan to PDF with ImageMagick and
// stores the PDF next to it.
const { execFile } = require('node:child_process');
const { mkdtemp, readFile, writeFile } = require('node:fs/promises');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const { S3Client, GetObjectCommand, PutObjectCommand } = require('@aws-sdk/client-s3');

const execFileAsync = promisify(execFile);
const s3 = new S3Client({});
const bucket = process.env.UPLOAD_BUCKET;

// The names upload hands out (`<uuid>.png`) and nothing else: no path separators, no shell
// metacharacters, and no leading dash that `convert` would read as an option.
const FILE_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.png$/;

exports.handler = async (event) => {
  const file = event.queryStringParameters?.file;
  if (typeof file !== 'string' || !FILE_NAME.test(file)) {
    return { statusCode: 400, body: JSON.stringify({ message: 'file must be a name returned by POST /invoices' }) };
  }

  try {
    const workDir = await mkdtemp(path.join(tmpdir(), 'report-'));
    const scan = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `invoices/${file}` }));
    await writeFile(path.join(workDir, file), await scan.Body.transformToByteArray());

    // No shell: the file name is one argument to `convert`, whatever characters it holds.
    await execFileAsync('convert', [file, 'out.pdf'], { cwd: workDir });

    const reportKey = `reports/${path.parse(file).name}.pdf`;
    await s3.send(new PutObjectCommand({
      Bucket: bucket,
      Key: reportKey,
      Body: await readFile(path.join(workDir, 'out.pdf')),
      ContentType: 'application/pdf',
    }));
    return { statusCode: 200, body: JSON.stringify({ report: reportKey }) };
  } catch (err) {
    // The details stay in CloudWatch Logs; the caller learns only that it failed.
    console.error('report failed', err);
    return { statusCode: 500, body: JSON.stringify({ message: 'Could not build the report' }) };
  }
};
