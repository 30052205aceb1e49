/**
 * The violations the stand-in found, kept apart from the message log: grouped by rule and message
 * type, each group with its count and its first examples. The log keeps only the last messages, so
 * a flood of valid ones would push earlier mistakes out of it; here nothing evicts them.
 */
import { ViolationGroups } from "../../contract/finding";

/** Groups past this many are counted in `total` only: an app cannot grow the store without end. */
export const MAX_GROUPS = 200;

/** The stand-in's violations: every group its page and `window.standIn.violations()` show. */
export class ViolationStore extends ViolationGroups {
  constructor() {
    super(MAX_GROUPS);
  }
}
