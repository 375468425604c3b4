// A named import lets esbuild keep only `version` from package.json in the bundle.
import { version } from '../../package.json';

export const TOOL_NAME = 'serverless-security-lint';
export const TOOL_VERSION: string = version;
export const TOOL_URL = 'https://github.com/serverless-security-lint/serverless-security-lint';
