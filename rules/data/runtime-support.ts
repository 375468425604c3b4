/**
 * When function runtimes stop being supported, for `config/eol-runtime`. Dates are UTC calendar
 * days (`YYYY-MM-DD`); a runtime counts as past a date from the start of that day.
 *
 * AWS Lambda: the "Lambda runtimes" page of the AWS Lambda Developer Guide
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), its supported and deprecated
 * runtime tables, and for the oldest runtimes the earlier "Runtime support policy" page
 * (https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html). `deprecated` is the
 * date Lambda stops patching the runtime; from `blockUpdate` Lambda refuses to update functions
 * that still use it (deploys fail), from `blockCreate` it refuses to create them.
 *
 * Block dates are listed only for runtimes deprecated before 2023. AWS has moved the block dates
 * of the later ones several times, some by more than a year after the first announcement; a stale
 * date would tell users a deploy fails when it does not, so those runtimes carry only their
 * deprecation date, which AWS has not moved once it passed.
 *
 * Left out on purpose: `java8.al2`, `java11`, `java17`, `python3.10`, `python3.11` and
 * `provided.al2`. They run on Amazon Linux 2, which ended on 2026-06-30, and AWS announced that
 * they keep receiving critical patches past that date without publishing a settled deprecation
 * date at the time of writing. Unknown runtimes are never reported.
 *
 * Future dates are AWS's projections and may change. `nodejs24.x` (2028-04-30), `python3.14`
 * (2029-06-30), `java25` (2029-06-30) and `dotnet10` (2028-11-14) came out after the author's
 * own knowledge; their dates are those AWS listed when it added them, which match the end of the
 * language's upstream support.
 */

export interface RuntimeSupport {
  /** The date the provider stops patching the runtime. */
  deprecated: string;
  /** From this date new functions cannot use the runtime, when known. */
  blockCreate?: string;
  /** From this date functions that use the runtime cannot be updated, when known. */
  blockUpdate?: string;
  /** A supported runtime of the same language to move to. */
  successor: string;
}

const NODE = 'nodejs24.x';
const PYTHON = 'python3.14';
const RUBY = 'ruby3.4';
const JAVA = 'java21';
const DOTNET = 'dotnet10';
const OS_ONLY = 'provided.al2023';

/** AWS Lambda runtime identifiers, as written in `Runtime:` / `runtime:`. */
export const LAMBDA_RUNTIMES: ReadonlyMap<string, RuntimeSupport> = new Map<string, RuntimeSupport>([
  // Node.js 0.10, the runtime whose identifier carries no version.
  ['nodejs', { deprecated: '2016-10-31', blockCreate: '2016-10-31', blockUpdate: '2016-10-31', successor: NODE }],
  ['nodejs4.3', { deprecated: '2018-04-30', blockCreate: '2018-12-15', blockUpdate: '2020-03-06', successor: NODE }],
  ['nodejs4.3-edge', { deprecated: '2018-04-30', blockUpdate: '2019-04-30', successor: NODE }],
  ['nodejs6.10', { deprecated: '2019-04-30', blockCreate: '2019-04-30', blockUpdate: '2019-08-12', successor: NODE }],
  ['nodejs8.10', { deprecated: '2019-12-31', blockCreate: '2020-01-06', blockUpdate: '2020-03-06', successor: NODE }],
  ['nodejs10.x', { deprecated: '2021-07-30', blockCreate: '2021-07-30', blockUpdate: '2022-02-14', successor: NODE }],
  ['nodejs12.x', { deprecated: '2023-03-31', blockCreate: '2023-03-31', blockUpdate: '2023-04-30', successor: NODE }],
  ['nodejs14.x', { deprecated: '2023-12-04', successor: NODE }],
  ['nodejs16.x', { deprecated: '2024-06-12', successor: NODE }],
  ['nodejs18.x', { deprecated: '2025-09-01', successor: NODE }],
  ['nodejs20.x', { deprecated: '2026-04-30', successor: NODE }],
  ['nodejs22.x', { deprecated: '2027-04-30', successor: NODE }],
  ['nodejs24.x', { deprecated: '2028-04-30', successor: NODE }],

  ['python2.7', { deprecated: '2021-07-15', blockCreate: '2021-07-15', blockUpdate: '2022-05-30', successor: PYTHON }],
  ['python3.6', { deprecated: '2022-07-18', blockCreate: '2022-07-18', blockUpdate: '2022-08-29', successor: PYTHON }],
  ['python3.7', { deprecated: '2023-12-04', successor: PYTHON }],
  ['python3.8', { deprecated: '2024-10-14', successor: PYTHON }],
  ['python3.9', { deprecated: '2025-12-15', successor: PYTHON }],
  ['python3.12', { deprecated: '2028-10-31', successor: PYTHON }],
  ['python3.13', { deprecated: '2029-06-30', successor: PYTHON }],
  ['python3.14', { deprecated: '2029-06-30', successor: PYTHON }],

  ['ruby2.5', { deprecated: '2021-07-30', blockCreate: '2021-07-30', blockUpdate: '2022-03-31', successor: RUBY }],
  ['ruby2.7', { deprecated: '2023-12-07', successor: RUBY }],
  ['ruby3.2', { deprecated: '2026-03-31', successor: RUBY }],
  ['ruby3.3', { deprecated: '2027-03-31', successor: RUBY }],
  ['ruby3.4', { deprecated: '2028-03-31', successor: RUBY }],

  // `java8` ran on the first Amazon Linux; `java8.al2` (left out, see above) is another runtime.
  ['java8', { deprecated: '2024-01-08', successor: JAVA }],
  ['java21', { deprecated: '2029-06-30', successor: JAVA }],
  ['java25', { deprecated: '2029-06-30', successor: JAVA }],

  ['dotnetcore1.0', { deprecated: '2019-06-27', blockCreate: '2019-06-27', blockUpdate: '2019-07-30', successor: DOTNET }],
  ['dotnetcore2.0', { deprecated: '2019-04-30', blockCreate: '2019-04-30', blockUpdate: '2019-05-30', successor: DOTNET }],
  ['dotnetcore2.1', { deprecated: '2022-01-05', blockCreate: '2022-01-05', blockUpdate: '2022-04-13', successor: DOTNET }],
  ['dotnetcore3.1', { deprecated: '2023-04-03', blockCreate: '2023-04-03', blockUpdate: '2023-05-03', successor: DOTNET }],
  // .NET 5 and 7 were container images only; a template may still name them.
  ['dotnet5.0', { deprecated: '2022-05-10', successor: DOTNET }],
  ['dotnet6', { deprecated: '2024-12-20', successor: DOTNET }],
  ['dotnet7', { deprecated: '2024-05-14', successor: DOTNET }],
  ['dotnet8', { deprecated: '2026-11-10', successor: DOTNET }],
  ['dotnet10', { deprecated: '2028-11-14', successor: DOTNET }],

  // Go has no managed runtime of its own since `go1.x`: Go binaries run on an OS-only runtime.
  ['go1.x', { deprecated: '2024-01-08', successor: OS_ONLY }],
  ['provided', { deprecated: '2024-01-08', successor: OS_ONLY }],
  ['provided.al2023', { deprecated: '2029-06-30', successor: OS_ONLY }],
]);

/**
 * Azure Functions host versions, by the major version `FUNCTIONS_EXTENSION_VERSION` pins (`~3`).
 * Source: Microsoft Learn, "Azure Functions runtime versions overview"
 * (https://learn.microsoft.com/azure/azure-functions/functions-versions): 2.x and 3.x reached end
 * of extended support on 2022-12-13; 1.x support ended on 2026-09-14.
 */
export const AZURE_FUNCTIONS_HOSTS: ReadonlyMap<string, RuntimeSupport> = new Map<string, RuntimeSupport>([
  ['1', { deprecated: '2026-09-14', successor: '~4' }],
  ['2', { deprecated: '2022-12-13', successor: '~4' }],
  ['3', { deprecated: '2022-12-13', successor: '~4' }],
]);

/** True when `date` (`YYYY-MM-DD`) is `now`'s UTC day or earlier. */
export function hasPassed(date: string, now: Date): boolean {
  return now.getTime() >= Date.parse(`${date}T00:00:00Z`);
}
