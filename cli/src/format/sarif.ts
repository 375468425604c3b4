/**
 * SARIF 2.1.0, the format GitHub code scanning and other viewers read. One run; the rule table
 * lists every rule that ran plus the engine's own findings, so each result can point at its rule
 * by index. Paths are relative to `%SRCROOT%` (the working folder) so a log made in CI maps onto
 * the repository.
 */
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { ENGINE_FINDINGS, type Rule, type Severity } from '../../../rules/index';
import type { ReportedFinding, ReportedLocation, RunResult } from '../report';
import { TOOL_NAME, TOOL_URL, TOOL_VERSION } from '../version';

const SRCROOT = '%SRCROOT%';
const SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * GitHub ranks security alerts by `security-severity` (9+ critical, 7–8.9 high, 4–6.9 medium).
 * Our severities mean "exploitable as written", "likely risk" and "hygiene".
 */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

export function toSarif(result: RunResult): Sarif.Log {
  const rules = ruleDescriptors(result.rules);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const cwdUri = pathToFileURL(result.cwd.endsWith('/') ? result.cwd : `${result.cwd}/`).href;

  return {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: TOOL_URL,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: result.internalErrors.length === 0,
            toolExecutionNotifications: result.internalErrors.map((error) => ({
              level: 'error',
              message: { text: `Rule ${error.ruleId} failed on ${error.file}: ${error.message}` },
            })),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: cwdUri } },
        // Our columns count UTF-16 code units (JavaScript string offsets); say so explicitly.
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((finding) => toResult(finding, ruleIndex.get(finding.ruleId))),
      },
    ],
  };
}

export function formatSarif(result: RunResult): string {
  return `${JSON.stringify(toSarif(result), null, 2)}\n`;
}

function ruleDescriptors(rules: readonly Rule[]): Sarif.ReportingDescriptor[] {
  const descriptors: Sarif.ReportingDescriptor[] = rules.map((rule) => ({
    id: rule.id,
    name: pascalName(rule.id),
    shortDescription: { text: rule.docs.summary },
    helpUri: rule.docs.url,
    help: {
      text: `${sentence(rule.docs.summary)} See ${rule.docs.url}`,
      markdown: `${sentence(rule.docs.summary)} [Documentation](${rule.docs.url})`,
    },
    defaultConfiguration: { level: level(rule.severity) },
    properties: {
      tags: [rule.family, ...(rule.docs.cwe ?? []), 'security'],
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  }));
  // Parse errors and rule crashes are findings too, but about the tool, not about security.
  for (const [id, engine] of Object.entries(ENGINE_FINDINGS)) {
    descriptors.push({
      id,
      name: pascalName(id),
      shortDescription: { text: engine.summary },
      help: { text: sentence(engine.summary) },
      defaultConfiguration: { level: level(engine.severity) },
      properties: { tags: ['core'] },
    });
  }
  return descriptors;
}

function toResult(finding: ReportedFinding, index: number | undefined): Sarif.Result {
  const result: Sarif.Result = {
    ruleId: finding.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: level(finding.severity),
    message: { text: finding.message },
    locations: [{ physicalLocation: physicalLocation(finding) }],
  };
  if (finding.related.length > 0) {
    result.relatedLocations = finding.related.map((related, i) => ({
      id: i + 1,
      message: { text: related.message },
      physicalLocation: physicalLocation(related),
    }));
  }
  // An empty list says "not suppressed"; leaving it out would mean "unknown".
  result.suppressions = finding.suppressed
    ? [
        {
          kind: 'inSource',
          ...(finding.suppressed.justification !== undefined ? { justification: finding.suppressed.justification } : {}),
          location: { physicalLocation: physicalLocation(finding.suppressed.location) },
        },
      ]
    : [];
  const fixes = finding.fixes.filter((fix) => fix.kind === 'fix');
  if (fixes.length > 0) {
    result.fixes = fixes.map((fix) => {
      const byFile = new Map<string, typeof fix.edits>();
      for (const edit of fix.edits) byFile.set(edit.absolute, [...(byFile.get(edit.absolute) ?? []), edit]);
      return {
        description: { text: fix.title },
        artifactChanges: [...byFile.values()].map((edits) => ({
          artifactLocation: artifactLocation(edits[0] as ReportedLocation),
          replacements: edits.map((edit) => ({ deletedRegion: region(edit), insertedContent: { text: edit.text } })),
        })),
      };
    });
  }
  return result;
}

function physicalLocation(location: ReportedLocation): Sarif.PhysicalLocation {
  return { artifactLocation: artifactLocation(location), region: region(location) };
}

function artifactLocation(location: ReportedLocation): Sarif.ArtifactLocation {
  // Files outside the working folder cannot be expressed relative to %SRCROOT%.
  if (location.file === '..' || location.file.startsWith('../')) return { uri: pathToFileURL(location.absolute).href };
  return { uri: location.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(location: ReportedLocation): Sarif.Region {
  const { line, column, endLine, endColumn } = location.region;
  return { startLine: line, startColumn: column, endLine, endColumn };
}

function level(severity: Severity): Sarif.ReportingConfiguration.level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** `iam/wildcard-action` → `WildcardAction`: SARIF's `name` is an identifier-like form of the id. */
export function pascalName(id: string): string {
  const name = id.slice(id.lastIndexOf('/') + 1);
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
