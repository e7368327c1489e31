/**
 * The state of an assessment at a glance: a colored chip with a word, never color alone.
 */
import { stateLabel, type AssessmentStateKind } from '../domain/assessment-state';

/** A state chip. */
export function StateChip({ kind }: { kind: AssessmentStateKind }) {
  return <span className={`chip chip-${kind}`}>{stateLabel(kind)}</span>;
}
