// Small pieces the program pages share: a program's state tag and its relationship counts.
import type { Program } from './programTypes';

export function ProgramStateTag({ program }: { program: Program }) {
  if (program.state === 'closed') return <span className="tag tag--dropped">Closed</span>;
  return <span className="tag tag--success">Open</span>;
}

/** "3 requested · 12 open · 40 concluded" */
export function relationshipCounts(program: Program): string {
  const r = program.relationships;
  const n = (v: number) => v.toLocaleString('en-GB');
  return `${n(r.requested)} requested · ${n(r.open)} open · ${n(r.concluded)} concluded`;
}
