/**
 * The rule registry: one sorted line per rule.
 */
import type { Rule } from '../engine/define-rule';

export const ALL_RULES: readonly Rule[] = [];
