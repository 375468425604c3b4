/**
 * Helpers for the taint engine's unit tests: run the engine over a few files and describe each
 * flow in one line, `kind source → sink @file:line`, so a test reads like the flows it expects.
 */
import { createLoader, flowsFrom, hintsFor, type TaintFlow } from '../../../rules/analysis/taint/index';
import { LineIndex, toOneBased } from '../../../rules/engine/positions';
import { Project } from '../../../rules/engine/project';
import { dedent } from '../../helpers/rule-tester';

export type Files = Record<string, string>;

/** Dedented file texts, as the rule tester writes them. */
export const code = dedent;

export function flowsOf(files: Files, entryFile?: string): TaintFlow[] {
  const project = new Project(Object.entries(files));
  const loader = createLoader((path) => project.sourceFile(path));
  const entries = entryFile ? [entryFile] : Object.keys(files).filter((path) => /\.(c|m)?[jt]s$/.test(path));
  return entries.flatMap((path) => flowsFrom(loader, path, hintsFor({ model: project.model }, path)));
}

function lineOf(files: Files, file: string, offset: number): number {
  return toOneBased(new LineIndex(files[file] ?? ''), { start: offset, end: offset }).line;
}

/** `command event.body → exec @src/a.js:3` for every flow, sorted. */
export function describeFlows(files: Files, entryFile?: string): string[] {
  return flowsOf(files, entryFile)
    .map((flow) => `${flow.kind} ${flow.source} → ${flow.sinkName} @${flow.sinkFile}:${lineOf(files, flow.sinkFile, flow.sinkRange[0])}`)
    .sort();
}

/** The messages of a flow's path, from the source to the sink. */
export function pathOf(flow: TaintFlow): string[] {
  return [...flow.path.map((step) => step.message), flow.spec.label];
}
