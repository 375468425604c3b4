/**
 * The least-privilege policy a set of functions needs: their SDK calls' actions, grouped into
 * one statement per set of resources, in a stable order (by first action).
 */
import type { FilePath } from '../../engine/types';
import type { SourceFile } from '../../parse/source-file';
import type { FunctionModel, ProjectModel } from '../../model/types';
import { resourcesForCall, type TemplateValue } from './resources';
import { sdkUsageForFunction, type SdkCall, type UnresolvedCall } from './usage';

export interface PlannedStatement {
  /** Sorted, unique. */
  actions: string[];
  /** Unique, in a stable order. */
  resources: TemplateValue[];
}

export interface PolicyPlan {
  statements: PlannedStatement[];
  /** Every SDK call found, over all the functions. */
  calls: SdkCall[];
  unresolved: UnresolvedCall[];
  /** True when every function's handler was found and every SDK call in it resolved. */
  complete: boolean;
  /** False when some resource could only be scoped in part (an unknown name stands as `*`). */
  scoped: boolean;
}

/** The policy the functions' code needs (the union for a shared role). */
export function planPolicy(model: ProjectModel, load: (path: FilePath) => SourceFile | undefined, functions: readonly FunctionModel[]): PolicyPlan {
  const byAction = new Map<string, Map<string, TemplateValue>>();
  const calls: SdkCall[] = [];
  const unresolved: UnresolvedCall[] = [];
  let complete = functions.length > 0;
  let scoped = true;
  for (const fn of functions) {
    const usage = sdkUsageForFunction(load, fn);
    if (!usage) {
      complete = false;
      continue;
    }
    if (!usage.complete) complete = false;
    unresolved.push(...usage.unresolved);
    for (const call of usage.calls) {
      calls.push(call);
      for (const entry of resourcesForCall(model, fn, call)) {
        if (!entry.scoped) scoped = false;
        let resources = byAction.get(entry.action);
        if (!resources) byAction.set(entry.action, (resources = new Map()));
        for (const resource of entry.resources) resources.set(JSON.stringify(resource), resource);
      }
    }
  }
  // A `*` resource covers the others of the same action.
  const groups = new Map<string, PlannedStatement>();
  for (const action of [...byAction.keys()].sort()) {
    const resources = byAction.get(action) ?? new Map<string, TemplateValue>();
    const entries = resources.has('"*"') ? [['"*"', '*'] as const] : [...resources.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = entries.map(([text]) => text).join('\n');
    const group = groups.get(key);
    if (group) group.actions.push(action);
    else groups.set(key, { actions: [action], resources: entries.map(([, value]) => value) });
  }
  return { statements: [...groups.values()], calls, unresolved, complete, scoped };
}
