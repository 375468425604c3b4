import type { Format } from '../options';
import type { RunResult } from '../report';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';

export function formatResult(format: Format, result: RunResult, options: { color: boolean }): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result);
    case 'text':
      return formatText(result, options);
  }
}
